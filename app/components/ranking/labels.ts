import type { MessageKey } from "~/i18n/i18n";
import type { SourceKey } from "~/features/results/index";

/** The name of each source of the ranking, as a row header and in the weights' summary. */
export const SOURCE_LABEL: Record<SourceKey, MessageKey> = {
  citizen: "ranking.source.citizen",
  staff: "ranking.source.staff",
  meetings: "ranking.source.meetings",
  freetext: "ranking.source.freetext",
  est: "ranking.source.est",
};

/** The label of each source's weight field. */
export const WEIGHT_LABEL: Record<SourceKey, MessageKey> = {
  citizen: "ranking.weight.citizen",
  staff: "ranking.weight.staff",
  meetings: "ranking.weight.meetings",
  freetext: "ranking.weight.freetext",
  est: "ranking.weight.est",
};
