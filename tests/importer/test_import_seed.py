"""End to end: the seed issue imports into a folder that `layout check` accepts."""

from pathlib import Path

import pytest

from layout.cli import main
from layout.importer.pipeline import build_draft

SEED = Path("/work/shared/seed/000_b8663036f03c9b7a.txt")
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="seed text not available")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("import") / "2024-03"
    assert main(["import", str(SEED), "-o", str(target)]) == 0
    return target


def test_seed_splits_into_the_issue_articles() -> None:
    draft = build_draft(SEED.read_text(encoding="utf-8"))
    # 48 body articles + the lead reprint + the back-cover gallery.
    assert len(draft.articles) == 50
    assert draft.inside_cover == "省政协主席蓝绍敏到哈尔滨市政协调研"
    assert [s.name for s in draft.toc.sections][:2] == ["关注", "聚焦"]
    assert len(draft.toc.entries) == 44
    pages = [a.page for a in draft.articles if a.page]
    assert pages == sorted(pages) and 8 in pages and 46 in pages
    assert draft.cover.serial == 161 and draft.colophon.fields[0] == ("主任", ["王镜铭"])
    assert draft.log.total("running header dropped") == 1
    assert len(draft.log.changes["paragraph rejoined around a sidebar (sidebar made a box)"]) == 3


def test_import_writes_a_folder_that_checks(imported: Path) -> None:
    assert (imported / "issue.yaml").is_file()
    assert (imported / "import-report.md").read_text(encoding="utf-8").count("L1020") >= 1
    assert main(["check", str(imported)]) == 0


def test_import_refuses_a_non_empty_folder(imported: Path, capsys) -> None:
    assert main(["import", str(SEED), "-o", str(imported)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["import", str(SEED), "-o", str(imported), "--force"]) == 0
    assert not [p for p in imported.parent.iterdir() if p.name.startswith(".")]
