import { translate } from "~/i18n/i18n";
import { formatDateSv } from "./domain/wording";
import type { FeedWords } from "./public-updates.server";

/** The feeds' words from the catalogue, in Swedish: the documents and updates they tell of are Swedish. */
export const FEED_WORDS: FeedWords = {
  title: (kommun) => translate("sv", "public.feed.title", { kommun }),
  documentTitle: (title) => translate("sv", "public.feed.documentTitle", { title }),
  subtitle: translate("sv", "public.feed.subtitle"),
  published: (title, period) => translate("sv", "public.feed.published", { title, period }),
  publishedSummary: translate("sv", "public.feed.publishedSummary"),
  results: (title) => translate("sv", "public.feed.results", { title }),
  resultsSummary: translate("sv", "public.feed.resultsSummary"),
  update: (doneOn, promise) =>
    translate("sv", "public.feed.update", {
      date: formatDateSv(doneOn),
      promise: promise.length > 120 ? `${promise.slice(0, 117)}…` : promise,
    }),
};

/** An Atom feed as an HTTP answer; feed readers poll, so it may be cached for a few minutes. */
export function atomResponse(xml: string) {
  return new Response(xml, {
    headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
