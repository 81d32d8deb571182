import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";

/**
 * A POST form to the route's action with the CSRF field, the intent that tells the action what to do and the hidden
 * fields that say to what (an id, the revision the edit is based on). Scroll stays where it is unless told otherwise:
 * these forms sit in long pages.
 */
export function PostForm({
  intent,
  fields = {},
  className,
  preventScrollReset = true,
  children,
}: {
  intent: string;
  fields?: Record<string, string | number>;
  className?: string;
  preventScrollReset?: boolean;
  children: ReactNode;
}) {
  return (
    <Form method="post" className={className} preventScrollReset={preventScrollReset}>
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </Form>
  );
}

/**
 * A one-button PostForm, for row actions such as "Ta bort" beside an entry: `ariaLabel` names the row, since a screen
 * reader user hears many buttons with the same text.
 */
export function ActionButton({
  label,
  ariaLabel,
  className = "secondary",
  id,
  disabled,
  ...form
}: {
  intent: string;
  fields?: Record<string, string | number>;
  label: string;
  ariaLabel?: string;
  className?: string;
  id?: string;
  disabled?: boolean;
  preventScrollReset?: boolean;
}) {
  return (
    <PostForm className="inline-form" preventScrollReset={false} {...form}>
      <button type="submit" id={id} className={className} disabled={disabled} aria-label={ariaLabel}>
        {label}
      </button>
    </PostForm>
  );
}
