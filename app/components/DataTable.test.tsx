import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "./DataTable";

describe("DataTable", () => {
  it("renders one header row of column headers, numeric ones right-aligned, and the rows given", () => {
    const html = renderToStaticMarkup(
      <DataTable columns={[{ label: "År" }, { label: "Antal", num: true }]}>
        <tr>
          <th scope="row">2025</th>
          <td className="num">12</td>
        </tr>
      </DataTable>,
    );
    expect(html).toBe(
      '<div class="table-wrap"><table><thead><tr><th scope="col">År</th><th scope="col" class="num">Antal</th></tr>' +
        '</thead><tbody><tr><th scope="row">2025</th><td class="num">12</td></tr></tbody></table></div>',
    );
  });

  it("puts the caption first in the table when one is given", () => {
    const html = renderToStaticMarkup(
      <DataTable caption="Kategorier" columns={[{ label: "Namn" }]}>
        <tr>
          <th scope="row">Skadegörelse</th>
        </tr>
      </DataTable>,
    );
    expect(html).toBe(
      '<div class="table-wrap"><table><caption>Kategorier</caption><thead><tr><th scope="col">Namn</th></tr>' +
        '</thead><tbody><tr><th scope="row">Skadegörelse</th></tr></tbody></table></div>',
    );
  });
});
