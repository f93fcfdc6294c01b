"""Import providers from a CSV (UTF-8) or XLSX file with a header row.

    python manage.py import_providers FILE [--dry-run]

Required columns:
    name                  机构名称 (at most 120 characters)
    credit_code           统一社会信用代码, 18 characters, checked against GB 32100-2015; a code that
                          already exists updates that provider
    region_code           6-digit GB/T 2260 code of the provider's city or county, e.g. 330106
    service_items         catalogue item names separated by ";" (e.g. 社会救助对象照料护理;资源链接)

Optional columns (empty cells keep the default):
    provider_type         社会组织 / 公益二类事业单位 / 生产经营类事业单位 / 企业 / 其他 (default: from
                          the credit code: 5… 社会组织, 9… 企业, otherwise 其他)
    registration_authority  e.g. 杭州市西湖区民政局
    registered_on         YYYY-MM-DD
    address
    service_region_codes  region codes separated by ";" (default: region_code)
    description           searched by the directory keyword search
    staff_count, social_worker_count   non-negative integers (default 0)
    facilities
    governance_attested, finance_attested, verified   是/否 (also yes/no, true/false, 1/0)
    contact_phone, contact_email, website
    verified_on           YYYY-MM-DD
    status, latest_grade, latest_grade_date   written by exports, ignored by imports

The same columns are in the downloadable template (/providers/import-template.csv and .xlsx, the
XLSX with an explanation sheet) and in directory exports, so an export can be re-imported.

Every row is validated first; every problem is reported with its row number (the header is row 1),
and if any row is invalid nothing is written. Otherwise all rows are written in one transaction with
bulk operations. --dry-run validates and reports what would be created or updated, writing nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from portal.providers.io.importer import ProviderImporter
from portal.providers.io.reader import FileFormatError, read_file
from portal.search.cluster import is_configured


class Command(BaseCommand):
    help = "Import providers from a CSV or XLSX file (see the module docstring for the columns)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a .csv or .xlsx file with a header row")
        parser.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, **options):
        try:
            header, rows = read_file(options["file"])
        except FileNotFoundError:
            raise CommandError(f"文件不存在：{options['file']}")
        except FileFormatError as exc:
            raise CommandError(str(exc))

        progress = None
        if not options["no_progress"]:
            from tqdm import tqdm

            def progress(iterable, total, desc):
                return tqdm(iterable, total=total, desc=desc, file=ProgressStream(self.stderr), leave=False)

        report = ProviderImporter().run(header, rows, dry_run=options["dry_run"], progress=progress)
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} 处错误，未导入任何数据（共 {report.rows} 行）。")
        verb = "将新增" if report.dry_run else "新增"
        message = f"{verb} {report.created} 家，{'将更新' if report.dry_run else '更新'} {report.updated} 家（共 {report.rows} 行）。"
        if report.dry_run:
            message = "试运行，未写入数据：" + message
        else:
            self._reindex(rows)
        self.stdout.write(self.style.SUCCESS(message))

    def _reindex(self, rows):
        """Bulk writes bypass the save signals: queue the imported providers for the search cluster."""

        if not is_configured():
            return
        from portal.providers.models import Provider
        from portal.providers.search.tasks import index_providers

        codes = {str(values.get("credit_code", "")).strip().upper() for _n, values, _extra in rows}
        ids = list(Provider.objects.filter(credit_code__in=codes).values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            index_providers.enqueue(ids[start : start + 500])


class ProgressStream:
    """The command's stderr for tqdm, written as given: without the newline and the error colour
    that the command's output wrapper adds to each write."""

    def __init__(self, output):
        self.output = output

    def write(self, text):
        self.output.write(text, style_func=str, ending="")

    def flush(self):
        self.output.flush()

    def isatty(self):
        return self.output.isatty()
