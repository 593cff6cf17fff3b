"""Exports opened back: xlsx with openpyxl, PDF pages and Chinese text; the CLI."""
from __future__ import annotations

import argparse
import datetime as dt

import openpyxl
import pytest
from sqlalchemy import func, select

from kiosk.queue.store.models import Ticket
from kiosk.reports import cli, pdf, report, xlsx
from kiosk.reports.cjkfont import FontNotFound, find_cjk_font
from kiosk.reports.stats import FIGURES, LEVEL_HEADERS
from tests.reports.conftest import LAST_WEEK, TODAY
from tests.reports.pdfcheck import embedded_fonts, mapped_text, page_count


def _ticket_codes(ctx, start, end):
    with ctx.db.read() as session:
        return sorted(session.execute(select(Ticket.day, Ticket.code).where(
            Ticket.day >= start, Ticket.day <= end)).all())


def test_xlsx_holds_the_figures_and_every_ticket(sqlite_sim_ctx, tmp_path):
    result = report.build_report(sqlite_sim_ctx, start=LAST_WEEK, end=TODAY,
                                 group_by="window", by="9001")
    calls = []
    path = xlsx.export_report(sqlite_sim_ctx, result, tmp_path / "r.xlsx", by="9001",
                              progress=lambda done, total: calls.append((done, total)))
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["汇总", "限时办结", "明细", "说明"]
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[0][0] == "示例市政务服务中心 按窗口统计报表"
    header = summary[2]
    assert header[1:1 + len(FIGURES)] == tuple(f.header_zh for f in FIGURES)
    body = summary[3:]
    assert [r[0] for r in body] == [r.label for r in result.rows] + ["合计"]
    for line, row in zip(body, (*result.rows, result.total)):
        for value, figure in zip(line[1:], FIGURES):
            want = getattr(row, figure.name)
            if figure.kind == "minutes" and want is not None:
                assert value == pytest.approx(want / 60, abs=0.006)
            elif isinstance(want, float):
                assert value == pytest.approx(want)
            else:
                assert value == want
    # the pad's words, never a level number or 星
    assert header[1 + len(FIGURES):] == ("非常满意数", "满意数", "基本满意数", "不满意数",
                                         "非常不满意数", "未评数")
    for line, row in zip(body, (*result.rows, result.total)):
        levels = line[1 + len(FIGURES):1 + len(FIGURES) + len(LEVEL_HEADERS)]
        assert levels == row.levels
        assert line[-1] == row.unrated

    details = list(book["明细"].iter_rows(values_only=True))
    assert details[0][:2] == ("日期", "号码")
    codes = _ticket_codes(sqlite_sim_ctx, LAST_WEEK, TODAY)
    assert sorted((r[0].date(), r[1]) for r in details[1:]) == codes
    finished = [r for r in details[1:] if r[9] == "已办结"]
    assert len(finished) == result.total.served
    assert sum(1 for r in finished if r[19] not in ("未评", "")) == result.total.rated
    assert calls[0] == (0, len(codes)) and calls[-1] == (len(codes), len(codes))
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_cancelled_xlsx_export_leaves_no_file(sqlite_sim_ctx, tmp_path):
    result = report.build_report(sqlite_sim_ctx, start=LAST_WEEK, end=TODAY, by="9001")
    with pytest.raises(xlsx.ExportCancelled) as cancelled:
        xlsx.export_report(sqlite_sim_ctx, result, tmp_path / "r.xlsx",
                           progress=lambda done, total: done < 1000, by="9001")
    assert cancelled.value.message_zh == "导出已取消"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("r.xlsx")]


def test_pdf_has_pages_an_embedded_font_and_chinese_text(sqlite_sim_ctx, tmp_path):
    result = report.build_report(sqlite_sim_ctx, start=LAST_WEEK, end=TODAY, group_by="item",
                                 by="9001")
    path = pdf.write_report(tmp_path / "r.pdf", result)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert page_count(data) >= 1
    assert embedded_fonts(data)
    chars = mapped_text(data)
    for text in ("示例市政务服务中心按事项统计报表", "平均等候满意率合计", result.rows[0].label):
        assert set(text) <= chars, text


def test_pdf_text_extracts_with_pypdf(sqlite_sim_ctx, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    result = report.build_report(sqlite_sim_ctx, start=LAST_WEEK, end=TODAY,
                                 group_by="window", by="9001")
    reader = pypdf.PdfReader(pdf.write_report(tmp_path / "r.pdf", result))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 1
    for needle in ("按窗口统计报表", "合计", "企业开办1号窗口", f"{result.total.issued}"):
        assert needle in text


def test_font_search_fails_with_every_place_it_looked(tmp_path):
    with pytest.raises(FontNotFound) as missing:
        find_cjk_font(platform="win32", env={"WINDIR": str(tmp_path)}, shipped=None)
    assert str(tmp_path / "Fonts" / "simhei.ttf") in missing.value.message_en
    assert "msyh.ttc" in missing.value.message_zh
    with pytest.raises(FontNotFound):
        find_cjk_font(tmp_path / "nope.ttf")
    with pytest.raises(FontNotFound) as linux:
        find_cjk_font(platform="linux", env={"HOME": str(tmp_path),
                                             "KIOSK_PDF_FONT": str(tmp_path / "x.otf")})
    assert linux.value.searched == [str(tmp_path / "x.otf")]


def test_the_report_command_writes_both_files_and_the_registers(sqlite_sim_ctx, tmp_path,
                                                                capsys):
    args = argparse.Namespace(db=sqlite_sim_ctx.db.url, config=None, hall=None)
    argv = ["--from", "2026-11-16", "--to", "2026-11-23", "--by", "window",
            "--xlsx", str(tmp_path / "out.xlsx"), "--pdf", str(tmp_path / "out.pdf"),
            "--registers", "2026-11", "--registers-dir", str(tmp_path / "regs")]
    assert cli.run(args, argv) == 0
    out = capsys.readouterr().out
    assert "按窗口统计报表" in out and "合计" in out
    book = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    assert book["汇总"]["A1"].value == "示例市政务服务中心 按窗口统计报表"
    assert page_count((tmp_path / "out.pdf").read_bytes()) >= 1
    made = sorted(p.name for p in (tmp_path / "regs").iterdir())
    assert made == ["容缺后补登记表-2026-11.pdf", "登记表-2026-11.xlsx",
                    "预约办理登记表-2026-11.pdf"]


def test_the_command_refuses_a_bad_date(sqlite_sim_ctx):
    args = argparse.Namespace(db=sqlite_sim_ctx.db.url, config=None, hall=None)
    with pytest.raises(SystemExit):
        cli.run(args, ["--from", "2026-13-01"])


def test_count_of_the_details_matches(sqlite_sim_ctx):
    from kiosk.reports.details import count_tickets

    with sqlite_sim_ctx.db.read() as session:
        total = session.scalar(select(func.count()).select_from(Ticket))
    assert count_tickets(sqlite_sim_ctx, start=dt.date(2026, 1, 1),
                         end=dt.date(2026, 12, 31), by="9001") == total
