/**
 * The CSV import's request input, shared by the import page and its report: the uploaded file read from a
 * multipart form in memory (never on disk, capped at MAX_CSV_BYTES) and decoded to text, and the mapping posted
 * with it (the headers it was chosen for and one target per column).
 */
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { z } from "zod";
import { translateFor } from "~/i18n/i18n";
import { MAX_CSV_BYTES, decodeCsvBytes } from "~/platform/csv";
import { fail, type MappingInput } from "./import-mapping.server";

/**
 * Reads a multipart form with one CSV file (field `file`) held in memory, never on disk, up to MAX_CSV_BYTES.
 * Returns the form's fields and the file as text (null when no file was chosen).
 */
export async function readCsvUpload(request: Request) {
  const tooLarge = () => fail("import.err.tooLarge", { maxMb: MAX_CSV_BYTES / 1048576 });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_CSV_BYTES + 1048576) tooLarge();
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }),
    );
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) tooLarge();
    throw new Response(translateFor(request, "problem.fileFormRequired"), { status: 415 });
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return { form, csvText: null, fileName: "" };
  const fileName = "name" in file && typeof file.name === "string" ? file.name : "";
  return { form, csvText: decodeCsvBytes(new Uint8Array(await file.arrayBuffer())), fileName };
}

const columnsSchema = z
  .string()
  .max(1_000_000)
  .transform((s, ctx) => {
    try {
      const v: unknown = JSON.parse(s);
      if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
    } catch {
      /* reported below */
    }
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "columns" });
    return z.NEVER;
  });

/** The mapping posted with a file: `columns` (JSON list of the headers it was made for) and `col.N` selects. */
export function mappingFromForm(form: FormData): MappingInput | null {
  const columns = columnsSchema.safeParse(form.get("columns"));
  if (!columns.success) return null;
  const targets = columns.data.map((_, i) => {
    const v = form.get(`col.${i}`);
    return typeof v === "string" && v !== "" ? v.slice(0, 500) : null;
  });
  return { columns: columns.data, targets };
}
