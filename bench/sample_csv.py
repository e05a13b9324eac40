"""The deterministic ~10 MB sales CSV the benchmarks use (6 columns, 269,320 rows)."""
import random


def ten_mb_csv():
    """Returns (row count, the CSV's bytes)."""
    rng = random.Random(1)
    rows = ["date,region,product,units,unit_price,revenue"]; size = 0
    while size < 10 * 1024 * 1024:
        u = rng.randint(1, 50); p = round(rng.uniform(1, 100), 2)
        r = f"2026-01-{rng.randint(1,28):02d},{rng.choice(['North','South','East','West'])},{rng.choice(['Gadget','Gizmo','Widget'])},{u},{p},{round(u*p,2)}"
        rows.append(r); size += len(r) + 1
    return len(rows) - 1, ("\n".join(rows) + "\n").encode()
