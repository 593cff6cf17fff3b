"""Catalog validation names file, entry and field; import is all or nothing."""
import copy
import subprocess
import sys

import pytest
import yaml
from sqlalchemy import func, select

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
