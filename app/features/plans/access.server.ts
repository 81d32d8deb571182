/**
 * The one access check of the plans' routes (domain/access.ts says who may do what): the kommun, the user and
 * whether they may write. Unknown kommun → 404; no role in the kommun → 403; a write by someone who may only read
 * (viewer, the police side) → 403.
 */
import { Forbidden } from "~/platform/errors.server";
import { membershipsFor, requireKommun } from "~/features/accounts/index.server";
import { planAccessOf } from "./domain/access";

export async function requirePlans(
  request: Request,
  { slug, write = false, form = null }: { slug: string | undefined; write?: boolean; form?: FormData | null },
) {
  const { user, kommun, db } = await requireKommun(request, { slug, permission: "kommun:read", form });
  const access = planAccessOf(await membershipsFor(user, kommun.id), kommun.id);
  if (write && !access.write) throw new Forbidden();
  return { user, kommun, db, access };
}
