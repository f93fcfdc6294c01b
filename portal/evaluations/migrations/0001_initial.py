"""EvaluationScheme and EvaluationResultPage, moved here from the disclosures app with their tables
unchanged (db_table keeps the disclosures_ names): the models enter Django's state without any
database operation, and their content types are renamed in place (disclosures -> evaluations), so
that the result pages (whose content type says what they are), their revisions, workflow states,
permissions and admin log entries stay attached to them."""

import django.core.validators
import django.db.models.deletion
import portal.core.pages
import portal.search.indexing
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


MODELS = ("evaluationscheme", "evaluationresultpage")


def rename_content_types(old, new):
    def rename(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        for model in MODELS:
            if content_type.objects.filter(app_label=new, model=model).exists():
                continue
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)

    return rename


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("disclosures", "0010_capacity_moved_in"),
        ("reference", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EvaluationScheme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=120, unique=True, verbose_name="方案名称")),
                        (
                            "purchaser_weight",
                            models.DecimalField(decimal_places=2, max_digits=5, verbose_name="购买主体评分权重（%）"),
                        ),
                        (
                            "satisfaction_weight",
                            models.DecimalField(decimal_places=2, max_digits=5, verbose_name="服务对象满意度权重（%）"),
                        ),
                        (
                            "third_party_weight",
                            models.DecimalField(decimal_places=2, max_digits=5, verbose_name="第三方评分权重（%）"),
                        ),
                        (
                            "excellent_min",
                            models.DecimalField(
                                decimal_places=2, default=Decimal("90"), max_digits=5, verbose_name="优秀下限（含）"
                            ),
                        ),
                        (
                            "good_min",
                            models.DecimalField(
                                decimal_places=2, default=Decimal("80"), max_digits=5, verbose_name="良好下限（含）"
                            ),
                        ),
                        (
                            "pass_min",
                            models.DecimalField(
                                decimal_places=2, default=Decimal("60"), max_digits=5, verbose_name="合格下限（含）"
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="方案说明")),
                    ],
                    options={
                        "verbose_name": "绩效评价方案",
                        "verbose_name_plural": "绩效评价方案",
                        "db_table": "disclosures_evaluationscheme",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="EvaluationResultPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "provider_credit_code",
                            models.CharField(db_index=True, max_length=18, verbose_name="承接主体统一社会信用代码"),
                        ),
                        ("provider_name", models.CharField(max_length=120, verbose_name="承接主体名称")),
                        ("year", models.PositiveSmallIntegerField(db_index=True, verbose_name="评价年度")),
                        ("period_start", models.DateField(blank=True, null=True, verbose_name="评价期开始")),
                        ("period_end", models.DateField(blank=True, null=True, verbose_name="评价期结束")),
                        ("evaluated_on", models.DateField(verbose_name="评价日期")),
                        ("evaluator", models.CharField(max_length=120, verbose_name="第三方评价机构")),
                        (
                            "purchaser_score",
                            models.DecimalField(
                                decimal_places=2,
                                max_digits=5,
                                validators=[
                                    django.core.validators.MinValueValidator(Decimal("0")),
                                    django.core.validators.MaxValueValidator(Decimal("100")),
                                ],
                                verbose_name="购买主体评分",
                            ),
                        ),
                        (
                            "survey_sample_size",
                            models.PositiveIntegerField(blank=True, null=True, verbose_name="满意度调查样本量"),
                        ),
                        ("survey_method", models.CharField(blank=True, max_length=120, verbose_name="调查方式")),
                        (
                            "satisfaction_rate",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=5,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(Decimal("0")),
                                    django.core.validators.MaxValueValidator(Decimal("100")),
                                ],
                                verbose_name="服务对象满意度（%）",
                            ),
                        ),
                        (
                            "third_party_score",
                            models.DecimalField(
                                decimal_places=2,
                                max_digits=5,
                                validators=[
                                    django.core.validators.MinValueValidator(Decimal("0")),
                                    django.core.validators.MaxValueValidator(Decimal("100")),
                                ],
                                verbose_name="第三方评分",
                            ),
                        ),
                        (
                            "effect_score",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=5,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(Decimal("0")),
                                    django.core.validators.MaxValueValidator(Decimal("100")),
                                ],
                                verbose_name="服务成效得分",
                            ),
                        ),
                        (
                            "management_score",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=5,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(Decimal("0")),
                                    django.core.validators.MaxValueValidator(Decimal("100")),
                                ],
                                verbose_name="项目管理得分",
                            ),
                        ),
                        (
                            "impact_score",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=5,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(Decimal("0")),
                                    django.core.validators.MaxValueValidator(Decimal("100")),
                                ],
                                verbose_name="社会影响得分",
                            ),
                        ),
                        ("narrative", models.TextField(blank=True, verbose_name="评价结论")),
                        ("rectification", models.TextField(blank=True, verbose_name="整改要求")),
                        (
                            "composite_score",
                            models.DecimalField(
                                decimal_places=2, editable=False, max_digits=5, null=True, verbose_name="综合得分"
                            ),
                        ),
                        (
                            "grade",
                            models.CharField(
                                blank=True,
                                choices=[("excellent", "优秀"), ("good", "良好"), ("pass", "合格"), ("fail", "不合格")],
                                editable=False,
                                max_length=16,
                                verbose_name="评价等次",
                            ),
                        ),
                        (
                            "city",
                            models.ForeignKey(
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="reference.region",
                                verbose_name="所在市",
                            ),
                        ),
                        (
                            "contract",
                            models.ForeignKey(
                                blank=True,
                                limit_choices_to={"kind": "contract"},
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="evaluations",
                                to="disclosures.noticepage",
                                verbose_name="合同公告",
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="evaluations",
                                to="disclosures.procurementprojectpage",
                                verbose_name="采购项目",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="reference.region",
                                verbose_name="所在地区",
                            ),
                        ),
                        (
                            "report_document",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtaildocs.document",
                                verbose_name="评价报告",
                            ),
                        ),
                        (
                            "service_item",
                            models.ForeignKey(
                                blank=True,
                                help_text="留空则取采购项目的第一个服务项目。",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="evaluations",
                                to="reference.serviceitem",
                                verbose_name="服务项目",
                            ),
                        ),
                        (
                            "scheme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="results",
                                to="evaluations.evaluationscheme",
                                verbose_name="评价方案",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "绩效评价结果",
                        "verbose_name_plural": "绩效评价结果",
                        "db_table": "disclosures_evaluationresultpage",
                        "indexes": [
                            models.Index(
                                fields=["city", "service_item", "year"], name="disclosures_city_id_67cd90_idx"
                            ),
                            models.Index(fields=["evaluated_on", "page_ptr"], name="disclosures_eval_latest"),
                        ],
                    },
                    bases=(
                        portal.search.indexing.SegmentedSearchMixin,
                        portal.core.pages.CachedViewRestrictionsMixin,
                        "wagtailcore.page",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            rename_content_types("disclosures", "evaluations"), rename_content_types("evaluations", "disclosures")
        ),
    ]
