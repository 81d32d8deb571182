export type { ShareItem, ShareValue, ShownShare } from "~/features/results/index";
