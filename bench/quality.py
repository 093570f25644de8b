"""
The scikit-learn side of the quality bench (bench/quality.ts drives it): fits reference models on
exactly the training rows an `mlops run` used and scores exactly its test rows, so the two can be
compared row by row (a paired bootstrap, done in TypeScript).

Reads a job as JSON on stdin:
  data        JSON Lines file, one record per row (the file mlops trained on)
  label       the label's key; task: binary | multiclass | regression
  classes     classification: the class names in mlops's order (binary: [negative, positive])
  columns     feature key -> kind chosen by hand, as a scikit-learn user would:
              numeric | categorical | date (ISO yyyy-mm-dd...) | text
  train_rows, test_rows  row numbers (0-based) into the file
  models      any of "hgb" (HistGradientBoosting*) and "linear" (TF-IDF / one-hot / scaled
              numbers into LogisticRegression or Ridge)
  seed
Writes JSON on stdout: {"models": [{"name", "seconds", and per test row "scores" (binary:
P(positive)), "probabilities" (multiclass, in `classes` order) or "values" (regression)}]}.

Run with Debian's /usr/bin/python3 (python3-sklearn), bench only.
"""

import datetime
import json
import math
import sys
import time

import numpy as np
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

# HistGradientBoosting takes at most 255 categories per feature; rarer ones become missing.
HGB_MAX_CATEGORIES = 254
# Dense TF-IDF columns per text column for the trees (which cannot take a sparse vocabulary).
HGB_TEXT_FEATURES = 256
EPOCH = datetime.date(1970, 1, 1)


def main():
    job = json.load(sys.stdin)
    with open(job["data"], encoding="utf-8") as file:
        records = [json.loads(line) for line in file if line.strip()]
    train = [records[i] for i in job["train_rows"]]
    test = [records[i] for i in job["test_rows"]]
    target = Target(job, train)
    fitters = {"hgb": fit_hgb, "linear": fit_linear}
    results = []
    for name in job["models"]:
        start = time.perf_counter()
        fitted = fitters[name](job, train, target)
        output = target.output(fitted, test)
        results.append({"name": name, "seconds": time.perf_counter() - start, **output})
    json.dump({"models": results}, sys.stdout)


class Target:
    """The label as scikit-learn needs it, and predictions back in mlops's terms."""

    def __init__(self, job, train):
        self.task = job["task"]
        self.classes = job.get("classes") or []
        values = [row.get(job["label"]) for row in train]
        self.y = (
            np.array([float(v) for v in values])
            if self.task == "regression"
            else np.array([class_name(v) for v in values])
        )

    def output(self, fitted, test):
        model, features = fitted
        x = features(test)
        if self.task == "regression":
            return {"values": [float(v) for v in model.predict(x)]}
        proba = model.predict_proba(x)
        index = {c: i for i, c in enumerate(model.classes_)}
        # A class the model never saw in training gets probability 0.
        columns = [
            proba[:, index[c]] if c in index else np.zeros(len(test)) for c in self.classes
        ]
        if self.task == "binary":
            return {"scores": [float(v) for v in columns[1]]}
        return {"probabilities": np.column_stack(columns).tolist()}


def class_name(value):
    """The class as mlops names it: JSON numbers as JavaScript prints them (1, not 1.0)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def fit_hgb(job, train, target):
    columns = job["columns"]
    blocks = [block(kind, key, train) for key, kind in columns.items()]
    categorical = np.concatenate([b.categorical for b in blocks])

    def features(rows):
        return np.hstack([b.dense(rows) for b in blocks])

    estimator = (
        HistGradientBoostingRegressor
        if target.task == "regression"
        else HistGradientBoostingClassifier
    )
    model = estimator(categorical_features=categorical, random_state=job["seed"])
    model.fit(features(train), target.y)
    return model, features


def fit_linear(job, train, target):
    encoders = [
        (linear_encoder(kind), column_values(kind, key)) for key, kind in job["columns"].items()
    ]
    for encoder, values in encoders:
        encoder.fit(values(train))

    def features(rows):
        return sparse.hstack(
            [sparse.csr_matrix(encoder.transform(values(rows))) for encoder, values in encoders]
        ).tocsr()

    model = Ridge() if target.task == "regression" else LogisticRegression(max_iter=2000)
    model.fit(features(train), target.y)
    return model, features


def column_values(kind, key):
    """The rows' values of `key` in the shape the kind's encoder takes."""

    def values(rows):
        cells = [row.get(key) for row in rows]
        if kind == "text":
            return [text(v) for v in cells]
        if kind == "categorical":
            return np.array([[category(v)] for v in cells], dtype=object)
        if kind == "date":
            return np.array([date_numbers(v) for v in cells])
        return np.array([[number(v)] for v in cells])

    return values


def linear_encoder(kind):
    if kind == "text":
        return TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 2))
    if kind == "categorical":
        return OneHotEncoder(handle_unknown="ignore")
    # Numbers and a date's parts: a missing one gets the median and an indicator.
    return make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler())


class Block:
    """One feature column encoded for the trees: dense columns and which of them are categorical."""

    def __init__(self, dense, categorical):
        self.dense = dense
        self.categorical = np.array(categorical, dtype=bool)


def block(kind, key, train):
    values = column_values(kind, key)
    if kind == "categorical":
        counts = {}
        for [value] in values(train):
            counts[value] = counts.get(value, 0) + 1
        kept = sorted(counts, key=lambda v: (-counts[v], v))[:HGB_MAX_CATEGORIES]
        codes = {value: i for i, value in enumerate(kept)}
        return Block(
            lambda rows: np.array([[codes.get(v, math.nan)] for [v] in values(rows)]), [True]
        )
    if kind == "text":
        vectorizer = linear_encoder(kind).set_params(max_features=HGB_TEXT_FEATURES)
        vectorizer.fit(values(train))
        width = len(vectorizer.vocabulary_)
        return Block(lambda rows: vectorizer.transform(values(rows)).toarray(), [False] * width)
    width = len(values(train[:1])[0])
    return Block(values, [False] * width)


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def category(value):
    return "" if value is None else class_name(value)


def text(value):
    return "" if value is None else str(value)


def date_numbers(value):
    """Days since 1970, month, day of week and day of year: what one would derive by hand."""
    try:
        day = datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return [math.nan] * 4
    return [
        (day - EPOCH).days,
        day.month,
        day.weekday(),
        day.timetuple().tm_yday,
    ]


if __name__ == "__main__":
    main()
