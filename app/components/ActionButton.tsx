import { Form } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";

/**
 * A one-button POST form to the route's action: the CSRF field, the intent that tells the action what to do, the
 * hidden fields that say to what (an id, a direction), and the button. For row actions such as "Ta bort" beside an
 * entry: `ariaLabel` names the row, since a screen reader user hears many buttons with the same text.
 */
export function ActionButton({
  intent,
  fields = {},
  label,
  ariaLabel,
  className = "secondary",
  id,
  disabled,
  preventScrollReset = false,
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
    <Form method="post" className="inline-form" preventScrollReset={preventScrollReset}>
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" id={id} className={className} disabled={disabled} aria-label={ariaLabel}>
        {label}
      </button>
    </Form>
  );
}
