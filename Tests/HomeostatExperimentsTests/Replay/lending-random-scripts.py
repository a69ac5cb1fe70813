#!/usr/bin/env python3
"""Random lending replay scripts for the cross-check against the deployed contracts.

    python3 lending-random-scripts.py any SEED      # every op, random amounts (mostly rejections and small moves)
    python3 lending-random-scripts.py crash SEED    # borrowers near their limit, price drops, liquidations, bad debt

lending-random-14 and lending-random-38 are `crash` scripts; compare a script's
`homeostat replay lending` output with `lending-evm.py`'s line by line (json.loads equality)."""
import sys

import json
import random


def any_script(seed):
    rng = random.Random(seed)
    names = ["alice", "bob", "carol", "dave", "erin"]
    t = 1_700_000_000
    irm = rng.choice(["adaptive_curve", "adaptive_curve", "fixed"])
    lltv = rng.choice(["0.625", "0.77", "0.86", "0.915", "0.945", "0.5", "0.98"])
    price = rng.choice(["2000", "1", "0.5", "3.1415926535", "0.000123456789012345678901234567891"])
    init = {"op": "init", "t": t, "lltv": lltv, "irm": irm, "price": price}
    if irm == "fixed": init["rate"] = rng.choice(["0.05", "0.8", "8", "0.0001"])
    if rng.random() < 0.5:
        init["fee"] = rng.choice(["0.1", "0.25", "0.05"])
        if rng.random() < 0.5: init["fee_recipient"] = rng.choice(["treasury", "alice"])
    ops = [init]
    P = float(price)
    def amt(scale):
        x = scale * 10 ** rng.uniform(-3, 1)
        d = rng.choice([0, 2, 6, 18])
        s = f"{x:.{d}f}"
        return s if float(s) > 0 or rng.random() < 0.1 else "1"
    for _ in range(rng.randint(20, 60)):
        t += rng.choice([0, 0, 1, 12, 3600, 86400, 86400 * 7, 86400 * 30, 86400 * 200])
        kind = rng.choices(["supply", "withdraw", "borrow", "repay", "supply_collateral", "withdraw_collateral", "liquidate", "set_price", "accrue", "query"],
                           [6, 2, 6, 2, 5, 2, 3, 2, 2, 2])[0]
        who = rng.choice(names)
        op = {"op": kind, "t": t}
        if kind in ("supply", "withdraw", "borrow", "repay"):
            op["who"] = who
            r = rng.random()
            if r < 0.75: op["assets"] = amt(1000)
            elif r < 0.95: op["shares"] = amt(1000 * 10**6)
            else: op["assets"] = "0"
        elif kind in ("supply_collateral", "withdraw_collateral"):
            op["who"] = who; op["assets"] = amt(1000 / P)
        elif kind == "liquidate":
            op["who"] = who; op["borrower"] = rng.choice(names)
            if rng.random() < 0.5: op["seized_assets"] = amt(100 / P)
            else: op["repaid_shares"] = amt(100 * 10**6)
        elif kind == "set_price":
            P = P * rng.choice([0.3, 0.5, 0.8, 0.95, 1.05, 1.5])
            op["price"] = f"{P:.30f}".rstrip("0").rstrip(".") or "1"
            if float(op["price"]) == 0: op["price"] = "1"
        ops.append(op)
    for op in ops: print(json.dumps(op))

def crash_script(seed):
    rng = random.Random(seed)
    t = 1_700_000_000
    irm = rng.choice(["adaptive_curve", "adaptive_curve", "fixed"])
    lltv = rng.choice(["0.625", "0.77", "0.86", "0.915", "0.945"])
    L = float(lltv)
    P = rng.choice([2000.0, 1.0, 0.37, 31.5])
    init = {"op": "init", "t": t, "lltv": lltv, "irm": irm, "price": repr(P)}
    if irm == "fixed": init["rate"] = rng.choice(["0.05", "0.8", "8"])
    if rng.random() < 0.6: init["fee"] = rng.choice(["0.1", "0.25"])
    ops = [init]
    def f(x, d=6): 
        s = f"{x:.{d}f}".rstrip("0").rstrip(".")
        return s if s not in ("", "0") else "1"
    for s in ["s1", "s2"]:
        t += rng.choice([0, 60]); ops.append({"op": "supply", "t": t, "who": s, "assets": f(rng.uniform(5e4, 2e5), rng.choice([0, 3, 18]))})
    borrowers = [f"b{k}" for k in range(rng.randint(2, 5))]
    coll = {}
    for b in borrowers:
        c = rng.uniform(1, 50) * 1000 / P
        coll[b] = f(c, rng.choice([2, 6, 12]))
        ops.append({"op": "supply_collateral", "t": t, "who": b, "assets": coll[b]})
        t += rng.choice([0, 5, 3600])
        ops.append({"op": "borrow", "t": t, "who": b, "assets": f(float(coll[b]) * P * L * rng.uniform(0.5, 0.995), 6)})
    for step in range(rng.randint(2, 5)):
        t += rng.choice([3600, 86400, 86400 * 10, 86400 * 60])
        ops.append({"op": rng.choice(["accrue", "query"]), "t": t})
        P *= rng.choice([0.5, 0.7, 0.85, 0.93, 0.97, 1.1])
        ops.append({"op": "set_price", "t": t, "price": f(P, 20)})
        for b in borrowers:
            r = rng.random()
            op = {"op": "liquidate", "t": t, "who": "liq", "borrower": b}
            if r < 0.35: op["seized_assets"] = coll[b]
            elif r < 0.6: op["seized_assets"] = f(float(coll[b]) * rng.uniform(0.05, 0.5), 6)
            elif r < 0.85: op["repaid_shares"] = f(rng.uniform(1, 2000) * 1e6, 0)
            else: op = {"op": "repay", "t": t, "who": b, "shares": f(rng.uniform(1, 1000) * 1e6, 0)}
            ops.append(op)
            ops.append({"op": "query", "t": t})
        # new activity after possible bad debt / dust
        b = rng.choice(borrowers + ["late"])
        ops.append({"op": "supply_collateral", "t": t, "who": b, "assets": f(100 * 1000 / P, 4)})
        coll[b] = None
        ops.append({"op": "borrow", "t": t, "who": b, "assets": f(rng.uniform(1, 1000), 4)})
        ops.append({"op": "withdraw", "t": t, "who": rng.choice(["s1", "s2"]), "assets": f(rng.uniform(1, 1e4), 2)})
        ops.append({"op": "withdraw_collateral", "t": t, "who": rng.choice(borrowers), "assets": f(rng.uniform(0.1, 5), 3)})
        for b2 in borrowers:
            if coll.get(b2) is None: coll[b2] = f(1, 0)
    t += 86400 * 400
    ops.append({"op": "accrue", "t": t})
    ops.append({"op": "query", "t": t + 86400 * 30})
    for op in ops: print(json.dumps(op))

if __name__ == "__main__":
    import json, random
    (any_script if sys.argv[1] == "any" else crash_script)(int(sys.argv[2]))
