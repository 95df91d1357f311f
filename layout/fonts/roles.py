"""Font roles as configured in fonts/fonts.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode

from layout.errors import LayoutError, LayoutErrors, Location
from layout.manifest.files import read_text
from layout.manifest.nodes import Reader, compose_yaml

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "fonts" / "fonts.yaml"
_ROLE_KEYS = ("family", "style", "files", "package", "same-as")


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
    reader = Reader(path)
    root = compose_yaml(path, read_text(path))
    top = reader.fields("fonts.yaml", root, ("roles",)) if root is not None else None
    roles = top.get("roles") if top else None
    if not isinstance(roles, MappingNode) or not roles.value:
        raise LayoutError("no `roles:` table", Location(path, 1, 1))
    specs: dict[str, RoleSpec] = {}
    aliases: dict[str, tuple[str, Location]] = {}
    for key_node, value_node in roles.value:
        role = str(key_node.value)
        where = reader.at(key_node)
        fields = reader.fields(f"font role '{role}'", value_node, _ROLE_KEYS)
        if fields is None:
            continue
        target = fields.text("same-as")
        if target:
            aliases[role] = (target, fields.where("same-as"))
            continue
        for key in ("family", "style"):
            if fields.get(key) is None:
                reader.fail(f"font role '{role}' needs {key}", key_node, f"add {key}: ...")
        files = fields.get("files")
        paths = reader.lines("files", files) if files is not None else ()
        specs[role] = RoleSpec(
            role=role,
            family=fields.text("family") or "",
            style=fields.text("style") or "",
            files=tuple(Path(f) for f in paths),
            package=fields.text("package") or "",
            where=where,
        )
    if reader.errors:
        raise LayoutErrors(reader.errors)
    for role, (target, where) in aliases.items():
        if target not in specs:
            raise LayoutError(
                f"font role '{role}' is the same as '{target}', which is not a font role", where
            )
        specs[role] = specs[target]
    return specs
