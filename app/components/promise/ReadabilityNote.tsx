import { LIX_TARGET, LONG_SENTENCE, readability } from "~/features/promises/index";
import { useT } from "~/i18n/use-t";

/**
 * The plain-language check of a text for residents (LIX, sentence length, the long sentences), shown to editors
 * under the text while they write it and before they publish.
 */
export function ReadabilityNote({ text, id }: { text: string; id: string }) {
  const t = useT();
  const r = readability(text);
  return (
    <div id={id} className="readability hint" aria-live="polite">
      <strong>{t("loften.readability.title")}: </strong>
      {r.lix === null ? (
        t("loften.readability.empty")
      ) : (
        <>
          {t("loften.readability.summary", {
            lix: r.lix,
            level: t(`loften.readability.level.${r.level!}`),
            words: r.words,
            sentences: r.sentences,
            perSentence: String(r.wordsPerSentence).replace(".", t.locale === "sv" ? "," : "."),
          })}{" "}
          {r.lix >= LIX_TARGET ? t("loften.readability.target", { target: LIX_TARGET }) : null}
          {r.longSentences.length ? (
            <>
              <br />
              {t("loften.readability.long", { max: LONG_SENTENCE })}
              <ul>
                {r.longSentences.map((s, i) => (
                  <li key={i}>
                    {s.text} ({s.words})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
