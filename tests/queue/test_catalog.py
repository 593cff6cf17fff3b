"""Catalog validation names file, entry and field; import is all or nothing."""
import copy
import subprocess
import sys

import pytest
import yaml
from sqlalchemy import func, select, text

from kiosk.errors import CatalogInvalid
from kiosk.queue import catalog
from kiosk.queue.demo import SAMPLE_CATALOG
from kiosk.queue.store.models import Event, Item, Material

ROOT = SAMPLE_CATALOG.parents[2]


@pytest.fixture(scope="module")
def sample():
    return yaml.safe_load(SAMPLE_CATALOG.read_text(encoding="utf-8"))


def problems_of(data, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogInvalid) as err:
        catalog.load(path)
    return err.value.problems, str(path)


def test_the_sample_catalog_is_rich_and_valid(sample):
    data = catalog.load(SAMPLE_CATALOG)
    assert len(data["departments"]) >= 8 and len(data["items"]) >= 30
    kinds = {item["kind"] for item in data["items"]}
    assert kinds == {"instant", "promised"}
    names = {item["name"] for item in data["items"]}
    for expected in ("个体工商户设立登记", "社会保障卡申领", "建设工程规划许可证核发"):
        assert expected in names
    for item in data["items"]:
        for field in ("legal_basis", "conditions", "procedure", "materials", "sample_form",
                      "fees"):
            assert item[field], (item["code"], field)


def test_missing_field_is_named_with_its_entry(sample, tmp_path):
    data = copy.deepcopy(sample)
    del data["items"][2]["legal_basis"]
    problems, path = problems_of(data, tmp_path)
    code = sample["items"][2]["code"]
    assert [(p.file, p.entry, p.field) for p in problems] == \
        [(path, f"items[2] {code}", "legal_basis")]
    assert "缺少" in problems[0].message_zh


def test_promised_days_beyond_legal_days_is_refused(sample, tmp_path):
    data = copy.deepcopy(sample)
    item = next(i for i in data["items"] if i["kind"] == "promised")
    item["promised_days"] = item["legal_days"] + 1
    problems, _ = problems_of(data, tmp_path)
    assert [(p.entry.split()[-1], p.field) for p in problems] == \
        [(item["code"], "promised_days")]
    assert "不能超过法定期限" in problems[0].message_zh


def test_duplicate_item_code_is_refused(sample, tmp_path):
    data = copy.deepcopy(sample)
    data["items"][5]["code"] = data["items"][0]["code"]
    problems, _ = problems_of(data, tmp_path)
    assert any(p.field == "code" and "重复" in p.message_zh and p.entry.startswith("items[5]")
               for p in problems)


def test_every_problem_is_reported_at_once(sample, tmp_path):
    data = copy.deepcopy(sample)
    data["items"][0]["kind"] = "someday"
    data["items"][1]["materials"][0]["form"] = "photo"
    data["items"][1]["materials"][0]["copies"] = 0
    data["services"][0]["hours"]["periods"] = ["9am-noon"]
    data["windows"][0]["services"] = ["Z"]
    data["items"][3]["promise_days"] = 3  # a typo of a field name
    problems, _ = problems_of(data, tmp_path)
    fields = sorted(p.field for p in problems)
    assert fields == sorted(["kind", "form", "copies", "hours", "services", "promise_days"])


def test_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("hall:\n  code: [demo\n", encoding="utf-8")
    with pytest.raises(CatalogInvalid) as err:
        catalog.load(path)
    assert "line" in err.value.problems[0].entry


def test_a_refused_import_leaves_the_database_unchanged(sqlite_ctx, sample):
    def snapshot():
        with sqlite_ctx.db.read() as session:
            return (session.scalar(select(func.count()).select_from(Item)),
                    session.scalar(select(func.count()).select_from(Event)),
                    session.scalar(select(Item.name).where(Item.code == "SCJG-001")))

    before = snapshot()
    data = copy.deepcopy(sample)
    data["items"][0]["name"] = "改过的名字"
    data["items"][1]["promised_days"] = 999
    with pytest.raises(CatalogInvalid):
        catalog.import_catalog(sqlite_ctx, data)
    assert snapshot() == before


def test_export_round_trips_and_reimport_updates_in_place(ctx, sample, tmp_path):
    path = tmp_path / "export.yaml"
    catalog.dump(catalog.export_catalog(ctx), path)
    exported = catalog.load(path)
    original = catalog.load(SAMPLE_CATALOG)
    for window in original["windows"]:  # export lists a window's queues by prefix
        window["services"].sort()
    assert exported == original
    data = copy.deepcopy(exported)
    data["items"][0]["materials"] = data["items"][0]["materials"][:1]
    removed = data["items"].pop()
    for service in data["services"]:
        service["items"] = [c for c in service["items"] if c != removed["code"]]
    catalog.import_catalog(ctx, data)
    with ctx.db.read() as session:
        assert session.scalar(select(Item.active).where(Item.code == removed["code"])) is False
        first = session.scalar(select(Item).where(Item.code == data["items"][0]["code"]))
        assert len(first.materials) == 1
        assert session.scalar(select(func.count()).select_from(Material)) > 0


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cli_init_then_validate(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    done = run_cli("--db", url, "init")
    assert done.returncode == 0, done.stderr
    done = run_cli("catalog", "validate", str(SAMPLE_CATALOG))
    assert done.returncode == 0 and "39 items" in done.stdout


def test_cli_refuses_a_bad_catalog_naming_entry_and_field(tmp_path, sample):
    data = copy.deepcopy(sample)
    data["items"][0]["promised_days"] = 99
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    done = run_cli("--db", url, "catalog", "import", str(path))
    assert done.returncode == 1
    assert f"items[0] {data['items'][0]['code']}: promised_days" in done.stderr


# --- bad input gets a clear refusal ---------------------------------------------------

CATALOG_TABLES = ("hall", "department", "item", "material", "service", "service_item",
                  "window", "window_service")


def catalog_snapshot(ctx):
    """Every row of every catalog table, ids included, plus the number of events."""
    from kiosk.queue.store.models import Base

    with ctx.db.read() as session:
        tables = {}
        for name in CATALOG_TABLES:
            table = Base.metadata.tables[name]
            rows = session.execute(select(table).order_by(*table.primary_key.columns))
            tables[name] = [tuple(row) for row in rows]
        events = session.scalar(select(func.count()).select_from(Event))
    return tables, events


def _set(*path_and_value):
    *path, key, value = path_and_value

    def change(data):
        for step in path:
            data = data[step]
        data[key] = value
    return change


LAUGHS = "[" + ", ".join(
    ["&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"&{c} [" + ", ".join([f"*{p}"] * 9) + "]" for p, c in zip("abcdefgh", "bcdefghi")]
) + "]"

#: (case, change to the parsed sample or None, change to its text, entry, field, words)
BROKEN = [
    ("item code a list", _set("items", 0, "code", ["SCJG", "001"]), None,
     "items[0]", "code", "must be text"),
    ("hall name a list", _set("hall", "name", ["示例", "大厅"]), None,
     "hall", "name", "must be text"),
    ("department name a list", _set("departments", 0, "name", ["市场", "监管"]), None,
     "departments[0] SCJG", "name", "must be text"),
    ("queue name a number", _set("services", 0, "name", 12), None,
     "services[0] A", "name", "must be text"),
    ("window name a list", _set("windows", 0, "name", [1, 2]), None,
     "windows[0] 1", "name", "must be text"),
    ("item name of 1 MB", _set("items", 0, "name", "名" * 1_000_000), None,
     "items[0] SCJG-001", "name", "too long: at most 200"),
    ("guide text of 1 MB", _set("items", 0, "legal_basis", "法" * 1_000_000), None,
     "items[0] SCJG-001", "legal_basis", "too long"),
    ("a typo of a key", _set("items", 0, "legel_days", 20), None,
     "items[0] SCJG-001", "legel_days", "unknown field"),
    ("copies true", _set("items", 1, "materials", 0, "copies", True), None,
     "items[1] SCJG-002 materials[0]", "copies", "whole number"),
    ("GBK encoding", None, lambda text: text.encode("gbk"),
     "catalog", "-", "not UTF-8"),
    ("billion laughs", None, lambda text: text.replace(
        "timezone: Asia/Shanghai", f"timezone: {LAUGHS}", 1).encode(),
     "hall", "timezone", "aliases"),
    ("nested 100000 deep", None, lambda text: text.replace(
        "timezone: Asia/Shanghai", "timezone: " + "[" * 100_000 + "]" * 100_000, 1).encode(),
     "hall", "timezone", "nested deeper"),
]


def broken_file(case, sample, tmp_path):
    """(path, parsed data or None) of one BROKEN case."""
    _, change, rewrite, *_ = case
    path = tmp_path / "broken.yaml"
    if change is None:
        path.write_bytes(rewrite(SAMPLE_CATALOG.read_text(encoding="utf-8")))
        return path, None
    data = copy.deepcopy(sample)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path, data


@pytest.mark.parametrize("case", BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_catalog_is_refused_naming_entry_and_field(ctx, sample, tmp_path, case):
    *_, entry, field, words = case
    path, data = broken_file(case, sample, tmp_path)
    before = catalog_snapshot(ctx)
    with pytest.raises(CatalogInvalid) as err:
        catalog.load(path)
    first = err.value.problems[0]
    assert (first.file, first.entry, first.field) == (str(path), entry, field)
    assert words in first.message_en and first.message_zh
    if data is not None:        # the console's path: import of parsed data
        with pytest.raises(CatalogInvalid) as err:
            catalog.import_catalog(ctx, data)
        assert (err.value.problems[0].entry, err.value.problems[0].field) == (entry, field)
    done = run_cli("--db", str(ctx.db.url), "catalog", "import", str(path))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{path}: {entry}: {field}: " in done.stderr
    assert catalog_snapshot(ctx) == before


def test_export_import_export_is_byte_identical(ctx, tmp_path):
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    catalog.dump(catalog.export_catalog(ctx), first)
    edited = catalog.load(first)        # rows rewritten move on PostgreSQL's disk
    for item in edited["items"][:3]:
        item["name"] += "（试）"
    edited["services"][0]["name"] += "（试）"
    dropped = edited["services"][0]["items"][0]     # back at the end of the link table
    edited["items"] = [item for item in edited["items"] if item["code"] != dropped]
    for service in edited["services"]:
        service["items"] = [code for code in service["items"] if code != dropped]
    edited["windows"][1]["services"].remove("A")
    catalog.import_catalog(ctx, edited)
    catalog.import_catalog(ctx, catalog.load(first))
    catalog.dump(catalog.export_catalog(ctx), second)
    assert second.read_bytes() == first.read_bytes()


def test_export_does_not_follow_the_order_rows_lie_in(ctx, tmp_path):
    """Links written in another order (a queue's items, a window's queues, as a hall's
    history leaves them) come back in the catalog's order: PostgreSQL returns unordered
    rows as they lie on disk."""
    from kiosk.queue.store.models import Base

    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    catalog.dump(catalog.export_catalog(ctx), first)
    with ctx.db.write() as session:
        for name in ("service_item", "window_service"):
            table = Base.metadata.tables[name]
            rows = [row._asdict() for row in session.execute(
                select(table).order_by(*[c.desc() for c in table.primary_key.columns]))]
            session.execute(table.delete())
            for row in rows:
                session.execute(table.insert().values(**row))
    if ctx.db.backend == "postgresql":      # as a planner that scans small tables would
        with ctx.db.engine.connect() as conn:
            name = conn.scalar(text("SELECT current_database()"))
            conn.execute(text(f'ALTER DATABASE "{name}" SET enable_indexscan = off'))
            conn.execute(text(f'ALTER DATABASE "{name}" SET enable_bitmapscan = off'))
            conn.commit()
        ctx.db.engine.dispose()
    catalog.dump(catalog.export_catalog(ctx), second)
    assert second.read_bytes() == first.read_bytes()


def test_reimporting_an_unchanged_catalog_changes_no_row(ctx):
    from sqlalchemy import event

    before, events = catalog_snapshot(ctx)
    writes = []

    def watch(conn, cursor, statement, *args):
        if statement.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", watch)
    try:
        catalog.import_catalog(ctx, catalog.load(SAMPLE_CATALOG))
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", watch)
    assert catalog_snapshot(ctx) == (before, events + 1)   # the import's audit event only
    assert [w for w in writes if "event" not in w.split("(")[0].lower()] == []
