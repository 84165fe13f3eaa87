import ExcelJS from 'exceljs';
import type { ExportLanguage, SiteReport } from '@vigil/shared';
import { CSV_BOM, csvLine } from './alarm-csv.presenter.js';
import { reportHeading, reportTables } from './report-tables.presenter.js';

/** The report's tables as one CSV file: a heading line, then each table as a titled section, a blank line between. */
export function reportCsv(report: SiteReport, lang?: ExportLanguage): string {
  const sections = reportTables(report, lang).map((table) => [csvLine([table.title]), csvLine(table.columns), ...table.rows.map(csvLine)].join(''));
  return CSV_BOM + csvLine([reportHeading(report, lang)]) + '\r\n' + sections.join('\r\n');
}

/**
 * The report's tables as an XLSX workbook (exceljs), one sheet a table, its header row bold and
 * frozen. A text cell a spreadsheet would run as a formula is written as text, never as one.
 */
export async function reportXlsx(report: SiteReport, lang?: ExportLanguage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Vigil';
  workbook.created = new Date();
  for (const table of reportTables(report, lang)) {
    const sheet = workbook.addWorksheet(table.key, { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.addRow([table.title]).font = { bold: true, size: 13 };
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, index) => {
      column.width = index === 0 ? 28 : 14;
    });
  }
  const info = workbook.addWorksheet('Report');
  info.addRow([reportHeading(report, lang)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
