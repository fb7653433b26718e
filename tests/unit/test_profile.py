"""County profiles: the default one loads; another county's file replaces it; a bad file is refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from models.profile import ProfileError, parse_profile
from models.reference import CodeItem, Grid, Setting, Township, Village
from storage.accounts import SignedIn
from storage.profile import (
    DEFAULT_PROFILE_PATH,
    apply_profile,
    code_labels,
    default_profile,
    load_profile_file,
)

DEFAULT: dict[str, Any] = json.loads(DEFAULT_PROFILE_PATH.read_text(encoding="utf-8"))


def test_default_profile_is_xing_county() -> None:
    profile = default_profile()
    assert (profile.county_code, profile.county_name) == ("141123", "兴县")
    assert len(profile.townships) == 15 and profile.township_name("141123205") == "蔡家崖乡"
    assert ("理财", "投融资领域") in profile.code_lists["key_domains"]
    assert profile.submission_mailbox == "xxjrswfwzx@163.com"
    assert next(d for d in profile.deadlines if d[1] is None)[2] == "every half year"


def test_installation_holds_the_default_reference_data(worker: SignedIn) -> None:
    with worker.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Township)) == 15
        assert "移送公安机关" in code_labels(session, "disposal_measures")
        assert session.get_one(Setting, "profile.county").value["name"] == "兴县"


def another_county() -> dict[str, Any]:
    data = copy.deepcopy(DEFAULT)
    data["county"] = {"code": "141124", "name": "临县", "prefecture": "吕梁市", "province": "山西省"}
    data["townships"] = [{"code": "141124100", "name": "临泉镇"}, {"code": "141124101", "name": "白文镇"}]
    data["villages"] = [{"code": "141124100001", "name": "东关村", "township": "141124100"}]
    data["grids"] = [{"code": "141124100001-01", "name": "东关一网格", "village": "141124100001"}]
    data["submission_mailbox"] = "linxian@example.cn"
    return data


def test_another_countys_profile_replaces_the_reference_data(worker: SignedIn, tmp_path: Path) -> None:
    path = tmp_path / "linxian.json"
    path.write_text(json.dumps(another_county(), ensure_ascii=False), encoding="utf-8")
    with worker.db.writer() as session:
        apply_profile(session, load_profile_file(path))
    with worker.db.reader() as session:
        assert [t.name for t in session.scalars(select(Township).order_by(Township.sort))] == [
            "临泉镇",
            "白文镇",
        ]
        assert session.get_one(Grid, "141124100001-01").name == "东关一网格"
        assert session.get_one(Setting, "profile.submission_mailbox").value == "linxian@example.cn"


def test_township_defined_villages_survive_a_county_update(worker: SignedIn) -> None:
    with worker.db.writer() as session:
        session.add(Village(code="141123100001", township_code="141123100", name="东关村"))
    with worker.db.writer() as session:
        apply_profile(session, default_profile())
    with worker.db.reader() as session:
        assert session.get_one(Village, "141123100001").name == "东关村"
        assert (session.scalar(select(func.count()).select_from(CodeItem)) or 0) > 40


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("townships"), "乡镇"),
        (lambda d: d.update(county={"code": "14", "name": "兴县"}), "6位数字"),
        (lambda d: d["townships"].append({"code": "141123100", "name": "重复镇"}), "代码重复"),
        (lambda d: d["townships"].append({"code": "150000100", "name": "外县镇"}), "不属于县"),
        (
            lambda d: d.update(villages=[{"code": "141123999001", "name": "某村", "township": "141123999"}]),
            "上级",
        ),
        (lambda d: d.update(submission_mailbox="not-an-address"), "邮箱"),
        (lambda d: d["campaign_phases"].append({"name": "新阶段", "from": "2025-13-01", "to": "x"}), "日期"),
        (lambda d: d.update(key_domains="理财"), "重点领域"),
    ],
)
def test_bad_profiles_are_refused_with_the_reason(change: Any, message: str) -> None:
    data = copy.deepcopy(DEFAULT)
    change(data)
    with pytest.raises(ProfileError, match=message):
        parse_profile(data)


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(Exception, match="无法读取"):
        load_profile_file(bad)


def test_township_hands_its_villages_and_grids_to_a_worker(tmp_path: Path) -> None:
    from models.enums import Level
    from storage.accounts import init_installation, sign_in
    from storage.profile import add_area, import_profile, save_profile_file
    from tests.conftest import PASSWORD

    init_installation(
        tmp_path / "t.db", level=Level.TOWNSHIP, unit_code="141123100", name="李娜", phone="13600136000",
        password=PASSWORD,
    )  # fmt: skip
    township = sign_in(tmp_path / "t.db", PASSWORD)
    add_area(
        township.db, township.actor, kind="village", code="141123100001", name="东关村", parent="141123100"
    )
    add_area(
        township.db,
        township.actor,
        kind="grid",
        code="141123100001-01",
        name="东关一网格",
        parent="141123100001",
    )
    with pytest.raises(Exception, match="已存在"):
        add_area(
            township.db,
            township.actor,
            kind="grid",
            code="141123100001-01",
            name="重复",
            parent="141123100001",
        )
    with pytest.raises(Exception, match="应以上级代码"):
        add_area(
            township.db, township.actor, kind="grid", code="141123999001-01", name="错", parent="141123100001"
        )
    handed = tmp_path / "蔚汾镇配置.json"
    save_profile_file(township.db, handed)
    township.close()

    init_installation(
        tmp_path / "w.db", level=Level.GRID, unit_code="141123100001-01", name="张伟", phone="13800138000",
        password=PASSWORD,
    )  # fmt: skip
    worker = sign_in(tmp_path / "w.db", PASSWORD)
    try:
        profile = import_profile(worker.db, worker.actor, handed)
        assert [g.name for g in profile.grids] == ["东关一网格"]
        with worker.db.reader() as session:
            assert session.get_one(Grid, "141123100001-01").village_code == "141123100001"
            assert len(code_labels(session, "key_domains")) == 19
    finally:
        worker.close()
