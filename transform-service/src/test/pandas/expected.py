"""Expected outputs of the data operations (issue 18), computed with pandas.

Usage: /usr/bin/python3 expected.py --cases cases.json --data <dir of the CSVs> --out <dir> [--only <case name>]

For each case of cases.json, reads its input with pd.read_csv (default type inference), applies its operations with
the semantics below and writes <out>/<case name>.csv (to_csv(index=False)). PandasConformanceTest compares the
engine's output (io.autoflow.transform.operate.Operations) with these files.

Each filter and derive operation carries, besides its JSONata expression (which pandas cannot run), a "pandas"
expression evaluated here with df (the table so far), pd and np in scope.

Semantics (per operation):
  select       df[columns]
  rename       df.rename(columns=...)
  filter       rows where the pandas expression is True (NaN/NA: not kept)
  derive       df[column] = <pandas expression>; a float result rounded to 15 significant digits, as JSONata
               writes numbers (30.6 - 12.2 is 18.4, not 18.400000000000002)
  cast         number: pd.to_numeric(errors="coerce"); integer: the same, non-integral values NaN, astype("Int64");
               boolean: case-insensitive true/yes/1 True, false/no/0 False, anything else NA; text: the values as
               text; date: pd.to_datetime(errors="coerce") written %Y-%m-%d
  sort         sort_values(by, ascending=[...], kind="stable", na_position="last")
  deduplicate  drop_duplicates(subset=columns or None, keep="first")
  group_by     groupby(by, dropna=False, sort=True), named aggregates (count: "count", or "size" without a column;
               sum, mean, min, max; distinct_count: "nunique"; default name <function>_<column>, or count), reset_index
  join         pd.merge(left, right, on, how, suffixes=("_x", "_y")) in the left table's row order
  pivot        pd.pivot_table(df, index, columns, values, aggfunc), reset_index, column names as text
  unpivot      pd.melt(df, id_vars=keep, value_vars=columns, var_name=variable, value_name=value)
  limit        df.head(rows)
"""

import argparse
import json
import os
import sys
import traceback

import numpy as np
import pandas as pd

AGGREGATES = {
    "count": "count",
    "sum": "sum",
    "mean": "mean",
    "min": "min",
    "max": "max",
    "distinct_count": "nunique",
}
TRUE = {"true", "yes", "1"}
FALSE = {"false", "no", "0"}


def evaluate(expression, df):
    value = eval(expression, {"df": df, "pd": pd, "np": np})  # noqa: S307 - our own cases file
    if isinstance(value, pd.Series):
        return value.reset_index(drop=True)
    return value


def to_boolean(value):
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return pd.NA
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    return pd.NA


def to_text(value):
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return np.nan
    return str(value)


def cast(series, to):
    if to == "number":
        return pd.to_numeric(series, errors="coerce")
    if to == "integer":
        numbers = pd.to_numeric(series, errors="coerce")
        numbers = numbers.where(numbers == np.floor(numbers))
        return numbers.astype("Int64")
    if to == "boolean":
        return series.map(to_boolean).astype("boolean")
    if to == "text":
        return series.map(to_text).astype(object)
    if to == "date":
        return pd.to_datetime(series, errors="coerce").dt.strftime("%Y-%m-%d")
    raise ValueError(f"unknown cast type {to!r}")


def group_by(df, op):
    named = {}
    for aggregate in op.get("aggregates") or []:
        function = aggregate["function"]
        column = aggregate.get("column")
        if column is None:
            if function != "count":
                raise ValueError(f"{function} needs a column")
            name = aggregate.get("as") or "count"
            named[name] = (op["by"][0], "size")
        else:
            name = aggregate.get("as") or f"{function}_{column}"
            named[name] = (column, AGGREGATES[function])
    grouped = df.groupby(op["by"], dropna=False, sort=True)
    if named:
        return grouped.agg(**named).reset_index()
    return grouped.size().reset_index()[op["by"]]


def join(df, op, inputs):
    right = inputs[op["with"]]
    left = df.copy()
    left["__row"] = np.arange(len(left))
    merged = pd.merge(left, right, on=op["on"], how=op.get("how", "inner"), suffixes=("_x", "_y"))
    merged = merged.sort_values("__row", kind="stable").drop(columns="__row")
    return merged


def pivot(df, op):
    table = pd.pivot_table(df, index=op["index"], columns=op["columns"], values=op["values"],
                           aggfunc=AGGREGATES[op["function"]])
    table = table.reset_index()
    table.columns = [str(c) for c in table.columns]
    return table


def apply(df, op, inputs):
    kind = op["op"]
    if kind == "select":
        return df[op["columns"]]
    if kind == "rename":
        return df.rename(columns=op["columns"])
    if kind == "filter":
        mask = evaluate(op["pandas"], df)
        mask = pd.Series(mask, index=df.index).fillna(False).astype(bool)
        return df[mask.to_numpy()]
    if kind == "derive":
        df = df.copy()
        value = evaluate(op["pandas"], df)
        if isinstance(value, pd.Series) and pd.api.types.is_float_dtype(value):
            value = value.map(lambda v: float("%.15g" % v) if pd.notna(v) else v)
        df[op["column"]] = value
        return df
    if kind == "cast":
        df = df.copy()
        for column, to in op["columns"].items():
            df[column] = cast(df[column], to)
        return df
    if kind == "sort":
        by = [key["column"] for key in op["by"]]
        ascending = [not key.get("descending", False) for key in op["by"]]
        return df.sort_values(by, ascending=ascending, kind="stable", na_position="last")
    if kind == "deduplicate":
        return df.drop_duplicates(subset=op.get("columns") or None, keep="first")
    if kind == "group_by":
        return group_by(df, op)
    if kind == "join":
        return join(df, op, inputs)
    if kind == "pivot":
        return pivot(df, op)
    if kind == "unpivot":
        return pd.melt(df, id_vars=op.get("keep") or [], value_vars=op["columns"],
                       var_name=op.get("variable", "variable"), value_name=op.get("value", "value"))
    if kind == "limit":
        return df.head(op["rows"])
    raise ValueError(f"unknown operation {kind!r}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--only")
    args = parser.parse_args()

    with open(args.cases, encoding="utf-8") as f:
        cases = json.load(f)
    os.makedirs(args.out, exist_ok=True)
    names = set()
    failed = 0
    for case in cases:
        name = case["name"]
        if name in names:
            sys.exit(f"expected.py: case {name!r} appears twice")
        names.add(name)
        if args.only and name != args.only:
            continue
        try:
            df = pd.read_csv(os.path.join(args.data, case["input"]))
            inputs = {key: pd.read_csv(os.path.join(args.data, file))
                      for key, file in (case.get("inputs") or {}).items()}
            for op in case["operations"]:
                df = apply(df, op, inputs).reset_index(drop=True)
            df.to_csv(os.path.join(args.out, name + ".csv"), index=False)
            print(f"  {name}: {len(df)} rows x {len(df.columns)} columns")
        except Exception:  # noqa: BLE001 - report every broken case, then fail
            failed += 1
            print(f"expected.py: case {name!r} failed:", file=sys.stderr)
            traceback.print_exc()
    if failed:
        sys.exit(f"expected.py: {failed} case(s) failed")
    print(f"expected.py: pandas {pd.__version__}, {len(names)} cases written to {args.out}")


if __name__ == "__main__":
    main()
