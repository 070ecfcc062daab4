"""train/ reads as a pipeline (issue 28, item 6). The import rules read the source (ast).

- train/*.py is the pipeline (PIPELINE: data, model, training, export, fixtures, sampling,
  evaluation, the models index); experiments on its models live in train/studies/.
- The pipeline imports only the pipeline, never a study: a study may change or go away without
  breaking training.
- No module under train/ imports another module's private name (`_name`), neither by
  `from m import _name` nor as `m._name`: what a second module needs is public.
- Every `python3 -m train.…` command and every train/… file that the docs, scripts and modules
  name exists, so a move cannot leave a command behind.
"""
import ast
import importlib.util
import os
import re

import pytest

TRAIN = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(TRAIN)

# The pipeline's modules. A new module in train/ is either added here (it is part of making,
# shipping or checking a model) or goes to train/studies/ (an experiment on the models).
PIPELINE = {
    "__init__", "classifier", "config", "data", "diffusion", "eval", "eval_cond", "export",
    "fixture", "labels", "make_samples", "mirror", "model", "models_index", "sample", "tiny_fixture",
    "train", "twemoji", "schedules", "spacing", "math_fixture",
}


def module_files(folder, package):
    """{dotted module name: path} of the .py files directly in folder."""
    out = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            stem = name[:-3]
            out[package if stem == "__init__" else f"{package}.{stem}"] = os.path.join(folder, name)
    return out


def all_modules():
    mods = module_files(TRAIN, "train")
    for sub in ("studies", "tests"):
        if os.path.isdir(os.path.join(TRAIN, sub)):
            mods.update(module_files(os.path.join(TRAIN, sub), f"train.{sub}"))
    return mods


def is_private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def from_base(node, module, path):
    """The module a `from ... import` statement reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    parts = package.split(".")
    base = ".".join(parts[:len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def imports(module, path, known):
    """Every import of a train module in the file, function-local ones too, and the module's
    local names bound to train modules (for `alias._name`). Imports: a list of (line, imported
    module, name or None): `from m import x` gives (line, "m.x", None) where m.x is a module,
    else (line, "m", "x")."""
    tree = ast.parse(open(path).read(), path)
    out, aliases = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name == "train" or a.name.startswith("train."):
                    out.append((node.lineno, a.name, None))
                    if a.asname:
                        aliases[a.asname] = a.name
        elif isinstance(node, ast.ImportFrom):
            base = from_base(node, module, path)
            if base != "train" and not base.startswith("train."):
                continue
            for a in node.names:
                sub = f"{base}.{a.name}"
                if sub in known:
                    out.append((node.lineno, sub, None))
                    aliases[a.asname or a.name] = sub
                else:
                    out.append((node.lineno, base, a.name))
    return out, aliases, tree


def is_pipeline(target):
    """train itself or a module of train/ listed in PIPELINE (a name imported from it counts
    as its module's)."""
    parts = target.split(".")
    return parts == ["train"] or (len(parts) >= 2 and parts[1] in PIPELINE)


def test_train_folder_holds_only_the_pipeline():
    """A module in train/ that is not in PIPELINE is a study, or PIPELINE is out of date."""
    stray = sorted(set(m.rpartition(".")[2] if m != "train" else "__init__"
                       for m in module_files(TRAIN, "train")) - PIPELINE)
    assert not stray, (f"train/{{{','.join(stray)}}}.py: not pipeline modules; move a study to "
                       f"train/studies/ (git mv), or add a pipeline module to PIPELINE here")


def test_the_pipeline_imports_only_the_pipeline():
    """No module of train/ imports a study (train.studies.*, or a module of train/ that is not in
    PIPELINE)."""
    known = set(all_modules())
    bad = []
    for module, path in module_files(TRAIN, "train").items():
        found, _, _ = imports(module, path, known)
        bad += [f"{os.path.relpath(path, ROOT)}:{line} imports {target}" + (f".{name}" if name else "")
                for line, target, name in found if not is_pipeline(target)]
    assert not bad, "the pipeline must not import a study:\n" + "\n".join(bad)


def private_uses(module, path, known):
    """["line: what"] for each private name of another train module that the file uses."""
    found, aliases, tree = imports(module, path, known)
    out = [f"{line}: imports {name} from {target}" for line, target, name in found
           if name and is_private(name) and target != module]
    out += [f"{node.lineno}: uses {node.value.id}.{node.attr} ({aliases[node.value.id]})"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id in aliases and is_private(node.attr)
            and aliases[node.value.id] != module]
    return out


def test_no_module_imports_a_private_name_of_another():
    mods = all_modules()
    bad = [f"{os.path.relpath(path, ROOT)}:{use}" for module, path in mods.items()
           for use in private_uses(module, path, set(mods))]
    assert not bad, ("a module uses another module's private name (make it public):\n"
                     + "\n".join(bad))


@pytest.mark.parametrize("source, expected", [
    ("from ..eval import _blur\n", ["1: imports _blur from train.eval"]),
    ("from .. import eval as ev\nx = ev._blur\n", ["2: uses ev._blur (train.eval)"]),
    ("import train.eval as ev\nx = ev._K\n", ["2: uses ev._K (train.eval)"]),
    ("from ..eval import blur\nfrom .. import data\nx = data.CACHE\n", []),
])
def test_the_private_name_check_bites(tmp_path, source, expected):
    """The checker itself, on a scratch study: it sees both spellings of a private import."""
    path = tmp_path / "scratch.py"
    path.write_text(source)
    assert private_uses("train.studies.scratch", str(path), set(all_modules())) == expected


# the files where commands and train/ paths are written down for people to run
def command_sources():
    paths = [os.path.join(ROOT, p) for p in ("README.md", "package.json", os.path.join(".ci", "run"))]
    for folder, exts in (("docs", (".md",)), ("test", (".md", ".mjs", ".ts")), ("tools", (".mjs",)),
                         ("train", (".md", ".py", ".sh"))):
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, folder)):
            dirnames[:] = [d for d in dirnames if d not in ("cache", "runs", "__pycache__")]
            paths += [os.path.join(dirpath, f) for f in filenames if f.endswith(exts)]
    return [p for p in sorted(paths) if os.path.isfile(p)]


def test_every_named_train_command_and_file_exists():
    missing = []
    for path in command_sources():
        text = open(path, encoding="utf-8").read()
        rel = os.path.relpath(path, ROOT)
        for name in sorted(set(re.findall(r"-m\s+(train(?:\.[A-Za-z_]\w*)+)", text))):
            if importlib.util.find_spec(name) is None:
                missing.append(f"{rel}: -m {name}")
        for name in sorted(set(re.findall(r"\btrain/[\w/.-]+\.(?:py|sh)\b", text))):
            if not os.path.exists(os.path.join(ROOT, name)):
                missing.append(f"{rel}: {name}")
    assert not missing, "named but not there:\n" + "\n".join(missing)
