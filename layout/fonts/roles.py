"""Font roles as configured in fonts/fonts.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from layout.errors import LayoutError, Location
from layout.yamlsource import load_yaml

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "fonts" / "fonts.yaml"


@dataclass(frozen=True)
class RoleSpec:
    """What a role asks for: a face (family + style) and where it is usually installed."""

    role: str
    family: str
    style: str
    files: tuple[Path, ...]
    package: str  # the Debian package that provides it, for the error message
    where: Location  # the role's place in fonts.yaml

    @property
    def display_name(self) -> str:
        return f"{self.family} {self.style}"


def load_roles(path: Path = DEFAULT_CONFIG) -> dict[str, RoleSpec]:
    """Read the role table; `same-as` roles share the spec (and so the face) of their target."""
    data, positions = load_yaml(path)
    roles = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(roles, dict) or not roles:
        raise LayoutError("no `roles:` table", positions.at(()))
    specs: dict[str, RoleSpec] = {}
    aliases: dict[str, str] = {}
    for role, entry in roles.items():
        where = positions.at(("roles", role, "<key>"))
        if not isinstance(entry, dict):
            raise LayoutError(f"font role '{role}' must be a mapping", where)
        if "same-as" in entry:
            aliases[role] = str(entry["same-as"])
            continue
        specs[role] = _spec(role, entry, where)
    for role, target in aliases.items():
        if target not in specs:
            raise LayoutError(
                f"font role '{role}' is the same as '{target}', which is not a font role",
                positions.at(("roles", role, "same-as")),
            )
        specs[role] = specs[target]
    return specs


def _spec(role: str, entry: dict, where: Location) -> RoleSpec:
    missing = [key for key in ("family", "style") if not entry.get(key)]
    if missing:
        raise LayoutError(f"font role '{role}' needs {' and '.join(missing)}", where)
    files = entry.get("files") or []
    if isinstance(files, str):
        files = [files]
    return RoleSpec(
        role=role,
        family=str(entry["family"]),
        style=str(entry["style"]),
        files=tuple(Path(f) for f in files),
        package=str(entry.get("package", "")),
        where=where,
    )
