import { useRootData } from "~/i18n/use-t";

/** The hidden field that repeats the CSRF cookie; every form that changes something includes it. */
export function CsrfField() {
  const csrf = useRootData()?.csrf ?? "";
  return <input type="hidden" name="csrf" value={csrf} />;
}
