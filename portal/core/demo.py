"""Demo data: `seed_demo` calls `seed(ctx)` in every app's `demo.py`, in the order of each module's
ORDER. Each seeder is idempotent and reuses the app's factories."""

import importlib
import random as _random
from dataclasses import dataclass, field

from django.apps import apps

SIZES = ("small", "large")


@dataclass
class DemoContext:
    size: str
    stdout: object
    progress: bool = True
    seed: int = 20181117
    random: _random.Random = field(default=None)
    accounts: list = field(default_factory=list)

    def __post_init__(self):
        if self.random is None:
            self.random = _random.Random(self.seed)

    @property
    def large(self):
        return self.size == "large"

    def bar(self, iterable=None, total=None, desc=""):
        from tqdm import tqdm

        return tqdm(iterable, total=total, desc=desc, disable=not self.progress, file=self.stdout, leave=True)

    def log(self, message):
        self.stdout.write(message + "\n")


def seeders():
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("portal."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, "seed"):
            found.append(module)
    return sorted(found, key=lambda m: getattr(m, "ORDER", 100))
