#!/usr/bin/env python3
"""Writes a seeded messy table for the table-reading benchmark: ROWS rows x 20 columns (12 numbers, 3 integers,
5 text: three categories with inconsistent spellings, one date column in two forms, one free-text identifier),
some numbers with thousands separators, missing cells, and a label column.

usage: bench/make-table.py ROWS OUT.csv"""
import random
import sys

rows, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
depts = ["IT", "I.T.", "it", "Sales", "sales ", "HR", "Human Resources", "Finance", "Legal", "Ops"]
cities = ["Paris", "Lyon", "Berlin", "Köln", "Zürich", "Madrid", "Roma", "Oslo", "Wien", "Praha"] * 3
grades = ["A", "B", "C", "D", "E"]
with open(out, "w", encoding="utf-8", newline="") as f:
    head = [f"x{j}" for j in range(12)] + ["n0", "n1", "n2", "dept", "city", "grade", "joined", "id", "label"]
    f.write(",".join(head) + "\n")
    for i in range(rows):
        cells = []
        for j in range(12):
            v = rng.gauss(j, 1 + j)
            cells.append("" if rng.random() < 0.01 else f"{v:.4f}")
        cells.append(str(rng.randrange(100)))
        cells.append(f'"{rng.randrange(1000, 100000):,}"')
        cells.append(str(rng.randrange(2)))
        cells.append(rng.choice(depts))
        cells.append(rng.choice(cities))
        cells.append(rng.choice(grades))
        y, m, d = rng.randrange(2000, 2024), rng.randrange(1, 13), rng.randrange(1, 29)
        cells.append(f"{y:04d}-{m:02d}-{d:02d}" if rng.random() < 0.8 else f"{d:02d}/{m:02d}/{y:04d}")
        cells.append(f"u{i:07d}")
        cells.append(str(rng.randrange(3)))
        f.write(",".join(cells) + "\n")
