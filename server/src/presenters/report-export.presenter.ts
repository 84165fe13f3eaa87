import writeXlsxFile, { type Cell as XlsxCell, type SheetData } from 'write-excel-file/node';
import type { ExportLanguage, SiteReport } from '@vigil/shared';
import { CSV_BOM, csvLine } from './alarm-csv.presenter.js';
import { reportHeading, reportTables, type Cell } from './report-tables.presenter.js';

/** The report's tables as one CSV file: a heading line, then each table as a titled section, a blank line between. */
export function reportCsv(report: SiteReport, lang?: ExportLanguage): string {
  const sections = reportTables(report, lang).map((table) => [csvLine([table.title]), csvLine(table.columns), ...table.rows.map(csvLine)].join(''));
  return CSV_BOM + csvLine([reportHeading(report, lang)]) + '\r\n' + sections.join('\r\n');
}

/** Text cells typed as strings: a cell that looks like a formula is written as text, never run. */
const xlsxCell = (value: Cell): XlsxCell => (value === null ? null : typeof value === 'number' ? { value, type: Number } : { value, type: String });

/**
 * The report's tables as an XLSX workbook (write-excel-file), one sheet a table: its title, then
 * its header row in bold and kept in view, then its rows; a last sheet names the report.
 */
export async function reportXlsx(report: SiteReport, lang?: ExportLanguage): Promise<Buffer> {
  const sheets = reportTables(report, lang).map((table) => {
    const data: SheetData = [
      [{ value: table.title, type: String, fontWeight: 'bold' }],
      table.columns.map((column) => ({ value: column, type: String, fontWeight: 'bold' as const })),
      ...table.rows.map((row) => row.map(xlsxCell)),
    ];
    return { data, sheet: table.key, stickyRowsCount: 2, columns: table.columns.map((_, index) => ({ width: index === 0 ? 32 : 14 })) };
  });
  sheets.push({ data: [[{ value: reportHeading(report, lang), type: String, fontWeight: 'bold' }]], sheet: 'Report', stickyRowsCount: 0, columns: [{ width: 80 }] });
  return writeXlsxFile(sheets).toBuffer();
}
