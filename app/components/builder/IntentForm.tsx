import { useEffect, useRef, type ReactNode } from "react";
import { Form, useActionData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import type { BuilderResult } from "./types";

/**
 * A POST form to the builder's action, with the CSRF field and the intent that tells the action what to do.
 * Scroll stays where it is (the page is long); `resetOnSuccess` empties the form once its edit was saved.
 */
export function IntentForm({
  intent,
  children,
  className = "stack",
  multipart = false,
  resetOnSuccess = false,
}: {
  intent: string;
  children: ReactNode;
  className?: string;
  multipart?: boolean;
  resetOnSuccess?: boolean;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const result = useActionData<BuilderResult>();
  useEffect(() => {
    if (resetOnSuccess && result?.intent === intent && !result.errors) ref.current?.reset();
  }, [result, intent, resetOnSuccess]);
  return (
    <Form ref={ref} method="post" preventScrollReset className={className} encType={multipart ? "multipart/form-data" : undefined}>
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {children}
    </Form>
  );
}
