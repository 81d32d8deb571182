import { useEffect, useMemo, useRef, type ReactNode } from "react";
import { Form, useActionData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";

function text(o: object, key: string): string | undefined {
  const v: unknown = Reflect.get(o, key);
  return typeof v === "string" ? v : undefined;
}

/**
 * What the builder's forms read from the action's answer (the route reads the whole of it, typed from the action):
 * which intent it answered, whether it failed, and after a move which question went which way.
 */
export function useBuilderAnswer() {
  const result: unknown = useActionData();
  // One object per answer (not per render), so effects that depend on it run once per submission.
  return useMemo(() => {
    if (!result || typeof result !== "object") return undefined;
    return {
      intent: text(result, "intent"),
      failed: Boolean(Reflect.get(result, "errors")),
      name: text(result, "name"),
      direction: text(result, "direction"),
    };
  }, [result]);
}

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
  const result = useBuilderAnswer();
  useEffect(() => {
    if (resetOnSuccess && result?.intent === intent && !result.failed) ref.current?.reset();
  }, [result, intent, resetOnSuccess]);
  return (
    <Form
      ref={ref}
      method="post"
      preventScrollReset
      className={className}
      encType={multipart ? "multipart/form-data" : undefined}
    >
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {children}
    </Form>
  );
}
