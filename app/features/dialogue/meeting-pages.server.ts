import { can, requireKommun } from "~/features/accounts/index.server";
import { zoneChoices } from "~/features/places/index.server";

/**
 * What both meeting pages load first: the kommun (any of its members reads its meetings), whether the user may
 * write meetings, and, for one who may, the zones a meeting or a finding can be linked to.
 */
export async function meetingPageAccess(request: Request, slug: string | undefined) {
  const { user, kommun, db } = await requireKommun(request, { slug, role: "viewer" });
  const canWrite = await can(user, kommun.id, "meeting:write");
  const zones = canWrite ? await zoneChoices({ db, kommunId: kommun.id }) : [];
  return { kommun, db, canWrite, zones };
}
