import { ExportButtons as DownloadButtons } from '../layout/ExportButtons';
import { downloadExport, type Report, type SupervisionFilter } from './queries';

/** The page's report, with its filters, as CSV or XLSX. */
export function ExportButtons({ report, filter }: { report: Report; filter: SupervisionFilter }) {
  return <DownloadButtons download={(format) => downloadExport(report, format, filter)} />;
}
