/** Everything the editor page of a promise document shows, in one read, scoped to the kommun. */
import { figureLinksOf } from "./draft.server";
import { listComments } from "./history.server";
import { listApprovals } from "./review.server";
import { latestRevisionId } from "./workflow.server";
import { documentOfKommun, type DocumentScope } from "./document-scope.server";

/** The document (any status) with figure links, standing approvals, comments and its place among versions. */
export async function getEditorView({ db, kommunId, documentId }: DocumentScope) {
  const doc = await documentOfKommun({ db, kommunId, documentId });
  const [links, approvals, comments, supersedes, supersededBy, revisionId] = await Promise.all([
    figureLinksOf({ db, documentId }),
    listApprovals({ db, documentId }),
    listComments({ db, documentId }),
    doc.supersedes_id
      ? db
          .selectFrom("promise_document")
          .select(["id", "version", "status"])
          .where("id", "=", doc.supersedes_id)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom("promise_document")
      .select(["id", "version", "status"])
      .where("supersedes_id", "=", documentId)
      .orderBy("id", "desc")
      .executeTakeFirst(),
    latestRevisionId({ db, documentId }),
  ]);
  return {
    doc,
    links,
    approvals: approvals.map((a) => ({ ...a, createdAt: new Date(a.createdAt).toISOString() })),
    comments,
    supersedes: supersedes ?? null,
    supersededBy: supersededBy ?? null,
    /** Sent back with every edit, so that an edit of something changed by someone else since is refused. */
    revisionId,
  };
}
