"""The command line as county IT uses it: real processes, a real database file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from storage.accounts import sign_in

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "cli-pass-word-1"


def run(*args: str, password: str = PASSWORD) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRIDLEDGER_PASSWORD": password, "GRIDLEDGER_INSECURE_FAST_KDF": "1"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_init_prints_the_recovery_key_once(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    result = run(
        "init",
        "--db",
        str(db),
        "--level",
        "grid",
        "--unit",
        "141123102003-02",
        "--name",
        "刘洋",
        "--phone",
        "13812345678",
    )
    assert result.returncode == 0, result.stderr
    assert "瓦塘镇" in result.stdout and "恢复密钥" in result.stdout
    again = run(
        "init",
        "--db",
        str(db),
        "--level",
        "grid",
        "--unit",
        "141123102003-02",
        "--name",
        "刘洋",
        "--phone",
        "13812345678",
    )
    assert again.returncode == 2 and "已存在数据库" in again.stderr


def test_demo_then_check_then_tamper(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    made = run("demo", "--db", str(db), "--records", "400", "--seed", "7")
    assert made.returncode == 0, made.stderr
    assert "风险线索 400 条" in made.stdout and "涉及主体 100 个" in made.stdout

    checked = run("check", "--db", str(db))
    assert checked.returncode == 0, checked.stderr
    assert "检查通过" in checked.stdout

    os.environ["GRIDLEDGER_INSECURE_FAST_KDF"] = "1"
    signed = sign_in(db, PASSWORD)
    with signed.db.writer() as session:
        session.execute(text("UPDATE audit_event SET reason = '篡改' WHERE seq = 123"))
        record_id = session.execute(text("SELECT record_id FROM audit_event WHERE seq = 123")).scalar_one()
    signed.close()

    tampered = run("check", "--db", str(db))
    assert tampered.returncode == 1
    assert "审计事件 #123" in tampered.stderr and "被改动" in tampered.stderr
    assert str(record_id).replace("-", "")[:8] in tampered.stderr.replace("-", "")


def test_wrong_password_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert run("demo", "--db", str(db), "--records", "10").returncode == 0
    wrong = run("check", "--db", str(db), password="wrong-password")
    assert wrong.returncode == 2 and "用户名或密码不正确" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_same_seed_makes_the_same_people(tmp_path: Path) -> None:
    outputs = [
        run("demo", "--db", str(tmp_path / f"{n}.db"), "--records", "40", "--seed", "3").stdout
        for n in (1, 2)
    ]
    assert outputs[0].split("线索状态")[1] == outputs[1].split("线索状态")[1]
