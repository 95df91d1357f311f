"""A tiny issue, built once with a private cache: the clean PDF and the warm cache every
damaged-cache build is compared with."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from layout.cli import main

ISSUE_YAML = """\
magazine: {title: 哈尔滨政协, sponsor: 政协哈尔滨市委员会主办}
issue: {serial: 161, year: 2024, number: 3, print_date: 2024-04-25, style: hrb-zhengxie}
cover:
  award: 优秀奖
  headline: [协商会议]
  subhead: 市政协调研
  notice: 内部资料 免费交流
  permit: 准印证号：（黑）2301005号
  title_credit: 洪铁军
  image: {placeholder: true, caption: 封面照片}
inside_cover:
  heading: 市政协调研
  images: [{placeholder: true, caption: 调研现场}]
toc:
  feature: {article: p04-hui, section: 聚焦, caption: 协商会议}
sections:
  - {id: guanzhu, name: 关注, english: Concerns}
articles:
  - {id: p04-hui, section: guanzhu, file: articles/p04-hui.txt, form: news}
colophon:
  title: 哈尔滨政协
  motto: 立足政协 面向委员
  heading: 编辑委员会
  fields: [{label: 主任, value: 王镜铭}]
  closing: （内部资料 免费交流）
  media: {heading: 全媒体支持, items: [官方网站], footer: [哈尔滨日报]}
"""

# 会 in body text, bold and Latin words: a memo entry of several runs with word spaces
ARTICLE = """\
# 协商会议开幕
@byline □本刊记者

3月8日，市政协召开**专题协商会**，围绕 VR demo 展厅建设会商会办。会议指出，要开好每一次会。

会上，委员们就 AI 产业发展建言献策，会后形成协商报告。
"""


@dataclass(frozen=True)
class CleanBuild:
    issue: Path
    cache: Path  # warm after the build: every kind of record is in it
    pdf: bytes


def build(
    issue: Path, cache: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, bytes]:
    """`layout build` in this process with `cache` as the cache directory: (exit status, PDF)."""
    monkeypatch.setenv("HRB_LAYOUT_CACHE", str(cache))
    status = main(["build", str(issue), "-o", str(out), "--quiet"])
    pdf = out / "issue.pdf"
    return status, pdf.read_bytes() if pdf.exists() else b""


@pytest.fixture(scope="session")
def clean_build(tmp_path_factory: pytest.TempPathFactory) -> CleanBuild:
    root = tmp_path_factory.mktemp("cache-issue")
    issue = root / "issue"
    (issue / "articles").mkdir(parents=True)
    (issue / "issue.yaml").write_text(ISSUE_YAML, encoding="utf-8")
    (issue / "articles" / "p04-hui.txt").write_text(ARTICLE, encoding="utf-8")
    cache = root / "cache"
    with pytest.MonkeyPatch.context() as monkeypatch:
        status, pdf = build(issue, cache, root / "out", monkeypatch)
    assert status == 0 and pdf.startswith(b"%PDF")
    for kind in ("faces", "names", "subsets", "compose", "characters"):
        assert list((cache / kind).glob("*.bin")), kind
    return CleanBuild(issue, cache, pdf)


@pytest.fixture
def cache_copy(clean_build: CleanBuild, tmp_path: Path) -> Path:
    """A private copy of the warm cache, to damage."""
    copy = tmp_path / "cache"
    shutil.copytree(clean_build.cache, copy)
    return copy
