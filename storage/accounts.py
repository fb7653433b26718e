"""Setting up an installation with its first user, signing in, and managing local accounts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from models.accounts import Installation, User
from models.base import utc_now
from models.enums import Level, Role
from models.profile import CountyProfile
from models.validators import ValidationError, validate_mobile
from models.version import APP_VERSION
from storage.database import Database, open_database
from storage.errors import NotSetUpError, UserFacingError, WrongPasswordError
from storage.keys import KdfParams, KeyFile, keyfile_path
from storage.paths import default_data_dir, default_db_path
from storage.profile import apply_profile, default_profile
from storage.services import Actor

__all__ = ["default_data_dir", "default_db_path"]  # kept importable from here for callers

DEFAULT_ROLE = {Level.GRID: Role.WORKER, Level.TOWNSHIP: Role.LIAISON, Level.COUNTY: Role.COUNTY_ADMIN}
MIN_PASSWORD_LENGTH = 8


def password_hasher() -> PasswordHasher:
    kdf = KdfParams.default()
    return PasswordHasher(time_cost=kdf.time_cost, memory_cost=kdf.memory_kib, parallelism=kdf.parallelism)


@dataclass(frozen=True)
class InitResult:
    installation_id: uuid.UUID
    login: str
    unit_name: str
    recovery_key: str


@dataclass
class SignedIn:
    """An unlocked database and the person using it. Holds the database key for wrapping new passwords."""

    db: Database
    actor: Actor
    unit_code: str
    unit_name: str
    _db_key: bytes = field(repr=False)

    def close(self) -> None:
        self.db.close()


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserFacingError(f"密码至少需要{MIN_PASSWORD_LENGTH}位")
    if password.isdigit() and len(set(password)) <= 2:
        raise UserFacingError("密码过于简单，请不要使用重复的数字")


def resolve_unit(profile: CountyProfile, level: Level, unit_code: str) -> tuple[str, str | None]:
    """The unit's display name and its township code; refuses a code that does not fit the level."""
    code = unit_code.strip()
    if level is Level.COUNTY:
        if code != profile.county_code:
            raise UserFacingError(f"县级单位代码应为 {profile.county_code}（{profile.county_name}）")
        return profile.county_name, None
    township = next((t for t in profile.townships if code.startswith(t.code)), None)
    if township is None:
        raise UserFacingError(f"单位代码 {code} 不属于{profile.county_name}的任何乡镇")
    if level is Level.TOWNSHIP:
        if code != township.code:
            raise UserFacingError(f"乡镇单位代码应为9位乡镇代码，例如 {township.code}")
        return township.name, township.code
    if len(code) <= len(township.code) or len(code) > 24:
        raise UserFacingError("网格代码应以乡镇代码开头，后接村（社区）和网格编号")
    grid = next((g for g in profile.grids if g.code == code), None)
    name = f"{township.name} {grid.name}" if grid else f"{township.name} 网格{code[len(township.code) :]}"
    return name, township.code


def init_installation(
    db_path: Path,
    *,
    level: Level,
    unit_code: str,
    name: str,
    phone: str,
    password: str,
    profile: CountyProfile | None = None,
    kdf: KdfParams | None = None,
) -> InitResult:
    """Creates the database, its key file and the first user. Prints nothing: the caller shows the
    recovery key once. Leaves no files behind if any step fails."""
    if db_path.exists() or keyfile_path(db_path).exists():
        raise UserFacingError(f"{db_path} 已存在数据库，不能重复初始化")
    name = name.strip()
    if not name:
        raise UserFacingError("姓名不能为空")
    try:
        phone = validate_mobile(phone)
    except ValidationError as exc:
        raise UserFacingError(exc.message) from None
    check_password_strength(password)
    profile = profile or default_profile()
    unit_name, township_code = resolve_unit(profile, level, unit_code)

    db_path.parent.mkdir(parents=True, exist_ok=True)
    created = [keyfile_path(db_path)]
    try:
        db_key, recovery = KeyFile.create(db_path, name, password, kdf)
        created += [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
        db = open_database(db_path, db_key)
        try:
            with db.writer() as session:
                apply_profile(session, profile)
                installation = Installation(
                    level=level,
                    unit_code=unit_code.strip(),
                    unit_name=unit_name,
                    township_code=township_code,
                    app_version=APP_VERSION,
                )
                session.add(installation)
                session.flush()
                session.add(
                    User(
                        installation_id=installation.id,
                        login=name,
                        display_name=name,
                        phone=phone,
                        role=DEFAULT_ROLE[level],
                        password_hash=password_hasher().hash(password),
                    )
                )
                installation_id = installation.id
        finally:
            db.close()
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return InitResult(installation_id, name, unit_name, recovery)


def is_set_up(db_path: Path) -> bool:
    return keyfile_path(db_path).exists() and db_path.exists()


def known_logins(db_path: Path) -> list[str]:
    """The user names that can sign in here (from the key file, so no key is needed to list them)."""
    try:
        return KeyFile.load(db_path).logins
    except NotSetUpError:
        return []


def sign_in(db_path: Path, password: str, login: str | None = None) -> SignedIn:
    if not db_path.exists():
        raise NotSetUpError(f"数据库 {db_path} 不存在，请先完成初始设置")
    keyfile = KeyFile.load(db_path)
    login = login or (keyfile.logins[0] if keyfile.logins else "")
    db_key = keyfile.unlock(login, password)
    db = open_database(db_path, db_key)
    try:
        with db.writer() as session:
            user = session.scalar(select(User).where(User.login == login))
            if user is None or not user.active:
                raise WrongPasswordError()
            try:
                password_hasher().verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                raise WrongPasswordError() from None
            user.last_sign_in_at = utc_now()
            installation = session.get_one(Installation, user.installation_id)
            actor = Actor(
                user_id=user.id,
                login=user.login,
                display_name=user.display_name,
                role=user.role,
                origin=installation.id,
                level=installation.level,
                unit_code=installation.unit_code,
            )
            unit_code, unit_name = installation.unit_code, installation.unit_name
    except BaseException:
        db.close()
        raise
    return SignedIn(db, actor, unit_code, unit_name, db_key)


def recover_with_key(db_path: Path, recovery_key: str, login: str, new_password: str) -> None:
    """Sets a new password for `login` after a forgotten one, using the printed recovery key."""
    check_password_strength(new_password)
    keyfile = KeyFile.load(db_path)
    db_key = keyfile.unlock_with_recovery_key(recovery_key)
    db = open_database(db_path, db_key)
    try:
        with db.writer() as session:
            user = session.scalar(select(User).where(User.login == login))
            if user is None:
                raise UserFacingError(f"用户“{login}”不存在")
            user.password_hash = password_hasher().hash(new_password)
            keyfile.set_password(db_key, login, new_password)
            keyfile.save()
    finally:
        db.close()


def change_password(signed: SignedIn, old_password: str, new_password: str) -> None:
    check_password_strength(new_password)
    keyfile = KeyFile.load(signed.db.path)
    keyfile.unlock(signed.actor.login, old_password)
    with signed.db.writer() as session:
        user = session.get_one(User, signed.actor.user_id)
        user.password_hash = password_hasher().hash(new_password)
        keyfile.set_password(signed._db_key, signed.actor.login, new_password)
        keyfile.save()


def add_user(signed: SignedIn, *, name: str, phone: str, role: Role, password: str) -> None:
    """Adds a local user of this installation (e.g. a second liaison on the township PC)."""
    if signed.actor.role is Role.WORKER:
        raise UserFacingError("只有联络员或县级管理员可以添加用户")
    check_password_strength(password)
    try:
        phone = validate_mobile(phone)
    except ValidationError as exc:
        raise UserFacingError(exc.message) from None
    keyfile = KeyFile.load(signed.db.path)
    if name in keyfile.logins:
        raise UserFacingError(f"用户“{name}”已存在")
    with signed.db.writer() as session:
        session.add(
            User(
                installation_id=signed.actor.origin,
                login=name,
                display_name=name,
                phone=phone,
                role=role,
                password_hash=password_hasher().hash(password),
            )
        )
        session.flush()
        keyfile.set_password(signed._db_key, name, password)
        keyfile.save()


def verify_password(signed: SignedIn, password: str) -> bool:
    """Checks the signed-in user's password again (unlocking an idle-locked window) without the key file."""
    with signed.db.reader() as session:
        user = session.get_one(User, signed.actor.user_id)
        stored = user.password_hash
    try:
        return bool(password_hasher().verify(stored, password))
    except (VerificationError, InvalidHashError):
        return False
