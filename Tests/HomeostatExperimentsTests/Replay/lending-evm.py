#!/usr/bin/env python3
"""Runs a `homeostat replay lending` script against the deployed Morpho Blue contracts.

The reference outputs `Replay/lending-*.out.jsonl` are made with this script, not with the
Swift model: it executes the creation code of Morpho Blue and of the AdaptiveCurveIrm as
deployed on Ethereum mainnet (taken from the Foundry broadcast log of
morpho-org/morpho-blue-deployment, `broadcast/DeployMorpho.sol/1/run-latest.json`) in an
EVM (pyrevm), and reads every printed number from the contracts' storage getters, return
values and events. Only the driver is written here:

- the tokens are a 10-byte contract that returns `true` to every call (wallets are not
  modelled, as the spec says); the oracle and the FixedRateIrm stand-in are a contract that
  returns its storage slot 0 to every call (`price()`, `borrowRate`, `borrowRateView`);
- each account name is its own address (`msg.sender` = `onBehalf` = receiver);
- the fee recipient is set with `setFeeRecipient`, and the fee with `setFee` right after
  `createMarket` in the same block (no interest accrues in between).

Derived numbers are the spec's formulas on the contract's integers: `supply_assets`,
`borrow_assets` (SharesMathLib's conversions), `utilization`, `health`, `…_per_year`.

    python3 -m venv /tmp/evm && /tmp/evm/bin/pip install pyrevm pycryptodome
    /tmp/evm/bin/python lending-evm.py run-latest.json SCRIPT.jsonl > SCRIPT.out.jsonl
"""
import json
import sys

from Crypto.Hash import keccak
from pyrevm import EVM, BlockEnv

WAD = 10**18
YEAR = 31_536_000


def k256(data: bytes) -> bytes:
    h = keccak.new(digest_bits=256)
    h.update(data)
    return h.digest()


def selector(signature: str) -> bytes:
    return k256(signature.encode())[:4]


def word(value) -> bytes:
    if isinstance(value, str):
        return bytes(12) + bytes.fromhex(value[2:])
    if isinstance(value, bytes):
        return value
    return (value % 2**256).to_bytes(32, "big")


def address_of(name: str) -> str:
    return "0x" + k256(("account:" + name).encode())[12:].hex()


def dec(value: int, decimals: int = 18) -> str:
    whole, frac = divmod(value, 10**decimals)
    if frac == 0:
        return str(whole)
    return f"{whole}.{str(frac).rjust(decimals, '0').rstrip('0')}"


def parse(text: str, decimals: int = 18) -> int:
    whole, _, frac = text.partition(".")
    return int(whole) * 10**decimals + int((frac + "0" * decimals)[:decimals] or "0")


def mul_div_up(x, y, d):
    return (x * y + d - 1) // d


class Chain:
    def __init__(self, broadcast_path: str):
        txs = json.load(open(broadcast_path))["transactions"]
        morpho_data = bytes.fromhex(txs[0]["transaction"]["data"][2:])
        irm_data = bytes.fromhex(txs[1]["transaction"]["data"][2:])
        self.evm = EVM()
        self.owner = address_of("__owner")
        self.set_time(1)
        # CREATE2 data through the deterministic deployer: salt ‖ creation code ‖ constructor args.
        self.morpho = self.evm.deploy(self.owner, morpho_data[32:-32] + word(self.owner), gas=30_000_000)
        self.irm = self.evm.deploy(self.owner, irm_data[32:-32] + word(self.morpho), gas=30_000_000)
        # PUSH1 1, PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN: returns true.
        token_runtime = bytes.fromhex("600160005260206000f3")
        # PUSH1 0, SLOAD, PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN: returns slot 0.
        slot_runtime = bytes.fromhex("60005460005260206000f3")
        self.loan = self.evm.deploy(self.owner, self.init_code(token_runtime))
        self.collateral = self.evm.deploy(self.owner, self.init_code(token_runtime))
        self.oracle = self.evm.deploy(self.owner, self.init_code(slot_runtime))
        self.fixed_irm = self.evm.deploy(self.owner, self.init_code(slot_runtime))

    @staticmethod
    def init_code(runtime: bytes) -> bytes:
        # Copies the runtime after this 12-byte prefix into memory and returns it.
        n = len(runtime)
        return bytes([0x60, n, 0x60, 12, 0x60, 0, 0x39, 0x60, n, 0x60, 0, 0xF3]) + runtime

    def set_time(self, t: int):
        self.evm.set_block_env(BlockEnv(timestamp=t, number=t))

    def call(self, caller, to, sig, *args, static=False):
        data = selector(sig) + b"".join(word(a) for a in args)
        try:
            out = self.evm.message_call(caller, to, data, is_static=static)
        except Exception as error:  # revert: the reason is in the message
            raise Reverted(str(error)) from None
        return out

    def words(self, out: bytes):
        return [int.from_bytes(out[i:i + 32], "big") for i in range(0, len(out), 32)]


class Reverted(Exception):
    def reason(self) -> str:
        text = self.args[0]
        # pyrevm reports the revert output as hex; decode Error(string) and Panic(uint256).
        import re
        m = re.search(r"0x([0-9a-fA-F]+)", text)
        if m:
            raw = bytes.fromhex(m.group(1) if len(m.group(1)) % 2 == 0 else "0" + m.group(1))
            if raw[:4] == selector("Error(string)"):
                n = int.from_bytes(raw[36:68], "big")
                return raw[68:68 + n].decode()
            if raw[:4] == selector("Panic(uint256)"):
                code = int.from_bytes(raw[4:36], "big")
                return "panic 0x11 (arithmetic underflow or overflow)" if code == 0x11 else f"panic {code:#x}"
        return text


MP = "(address,address,address,address,uint256)"


def main(broadcast_path: str, script_path: str):
    chain = Chain(broadcast_path)
    lines = [json.loads(l) for l in open(script_path) if l.strip() and not l.lstrip().startswith("#")]
    named = set()
    params = None
    market_id = None
    irm_kind = None
    fee_recipient = None
    price = 0
    lltv = 0
    for index, op in enumerate(lines):
        t = op["t"]
        chain.set_time(t)
        kind = op["op"]
        out = {"line": index, "t": t, "op": kind}
        who = op.get("who")
        if who is not None:
            out["who"] = who
            named.add(who)
        if kind == "liquidate":
            out["borrower"] = op["borrower"]
            named.add(op["borrower"])

        def market():
            w = chain.words(chain.call(chain.owner, chain.morpho, "market(bytes32)", market_id, static=True))
            return w

        def market_json(w):
            return {"total_supply_assets": dec(w[0]), "total_supply_shares": dec(w[1]), "total_borrow_assets": dec(w[2]),
                    "total_borrow_shares": dec(w[3]), "last_update": w[4]}

        def position(name):
            p = chain.words(chain.call(chain.owner, chain.morpho, "position(bytes32,address)", market_id, address_of(name), static=True))
            return p

        def position_json(name):
            s, b, c = position(name)
            m = market()
            supply_assets = s * (m[0] + 1) // (m[1] + 10**6)
            borrow_assets = mul_div_up(b, m[2] + 1, m[3] + 10**6)
            health = None if b == 0 else dec(c * price * lltv // (borrow_assets * 10**36))
            return {"supply_shares": dec(s), "supply_assets": dec(supply_assets), "borrow_shares": dec(b),
                    "borrow_assets": dec(borrow_assets), "collateral": dec(c), "health": health}

        def rate_at_target():
            if irm_kind != "adaptive_curve":
                return None
            return chain.words(chain.call(chain.owner, chain.irm, "rateAtTarget(bytes32)", market_id, static=True))[0]

        def rate_view():
            m = market()
            return chain.words(chain.call(chain.owner, params[3], "borrowRateView(" + MP + ",(uint128,uint128,uint128,uint128,uint128,uint128))",
                                          *params, *m, static=True))[0]

        try:
            if kind == "init":
                lltv = parse(op["lltv"])
                price = parse(op["price"], 36)
                irm_kind = op["irm"]
                fee = parse(op.get("fee", "0"))
                irm = chain.irm if irm_kind == "adaptive_curve" else chain.fixed_irm
                chain.evm.insert_account_storage(chain.oracle, 0, price)
                if irm_kind == "fixed":
                    rate = parse(op["rate"]) // YEAR
                    chain.evm.insert_account_storage(chain.fixed_irm, 0, rate)
                params = (chain.loan, chain.collateral, chain.oracle, irm, lltv)
                market_id = k256(b"".join(word(a) for a in params))
                chain.call(chain.owner, chain.morpho, "enableIrm(address)", irm)
                chain.call(chain.owner, chain.morpho, "enableLltv(uint256)", lltv)
                chain.call(chain.owner, chain.morpho, "createMarket(" + MP + ")", *params)
                out.update({"lltv": dec(lltv), "irm": irm_kind})
                if irm_kind == "fixed":
                    out["rate"] = dec(parse(op["rate"]))
                    out["borrow_rate"] = dec(rate)
                out["price"] = dec(price, 36)
                out["fee"] = dec(fee)
                if fee > 0:
                    fee_recipient = op.get("fee_recipient", "treasury")
                    named.add(fee_recipient)
                    chain.call(chain.owner, chain.morpho, "setFeeRecipient(address)", address_of(fee_recipient))
                    chain.call(chain.owner, chain.morpho, "setFee(" + MP + ",uint256)", *params, fee)
                    out["fee_recipient"] = fee_recipient
                out["market"] = market_json(market())
                if irm_kind == "adaptive_curve":
                    out["rate_at_target"] = dec(rate_at_target())
            elif kind in ("supply", "withdraw", "borrow", "repay"):
                a = parse(op.get("assets", "0"))
                s = parse(op.get("shares", "0"))
                me = address_of(who)
                if kind in ("supply", "repay"):
                    # (params, assets, shares, onBehalf, bytes data): data offset then length 0.
                    r = chain.call(me, chain.morpho, kind + "(" + MP + ",uint256,uint256,address,bytes)", *params, a, s, me, 9 * 32, 0)
                else:
                    r = chain.call(me, chain.morpho, kind + "(" + MP + ",uint256,uint256,address,address)", *params, a, s, me, me)
                ra, rs = chain.words(r)
                out.update({"assets": dec(ra), "shares": dec(rs), "market": market_json(market()), "position": position_json(who)})
            elif kind == "supply_collateral":
                me = address_of(who)
                a = parse(op["assets"])
                chain.call(me, chain.morpho, "supplyCollateral(" + MP + ",uint256,address,bytes)", *params, a, me, 8 * 32, 0)
                out.update({"assets": dec(a), "market": market_json(market()), "position": position_json(who)})
            elif kind == "withdraw_collateral":
                me = address_of(who)
                a = parse(op["assets"])
                chain.call(me, chain.morpho, "withdrawCollateral(" + MP + ",uint256,address,address)", *params, a, me, me)
                out.update({"assets": dec(a), "market": market_json(market()), "position": position_json(who)})
            elif kind == "liquidate":
                me = address_of(who)
                borrower = op["borrower"]
                seized = parse(op.get("seized_assets", "0"))
                repaid = parse(op.get("repaid_shares", "0"))
                chain.call(me, chain.morpho, "liquidate(" + MP + ",address,uint256,uint256,bytes)", *params, address_of(borrower), seized, repaid, 9 * 32, 0)
                log = [l for l in chain.evm.result.logs if l.address.lower() == chain.morpho.lower()][-1]
                _, data = log.data
                ev = chain.words(data)  # repaidAssets, repaidShares, seizedAssets, badDebtAssets, badDebtShares
                out.update({"seized_assets": dec(ev[2]), "repaid_assets": dec(ev[0]), "repaid_shares": dec(ev[1]),
                            "bad_debt_assets": dec(ev[3]), "bad_debt_shares": dec(ev[4]),
                            "market": market_json(market()), "position": position_json(borrower)})
            elif kind == "set_price":
                price = parse(op["price"], 36)
                chain.evm.insert_account_storage(chain.oracle, 0, price)
                out["price"] = dec(price, 36)
            elif kind == "accrue":
                before = market()
                elapsed = t - before[4]
                rate = rate_view() if elapsed > 0 else None
                fee_before = position(fee_recipient)[0] if fee_recipient else 0
                chain.call(chain.owner, chain.morpho, "accrueInterest(" + MP + ")", *params)
                after = market()
                fee_after = position(fee_recipient)[0] if fee_recipient else 0
                out.update({"elapsed": elapsed, "borrow_rate": None if rate is None else dec(rate),
                            "interest": dec(after[2] - before[2]), "fee_shares": dec(fee_after - fee_before),
                            "market": market_json(after)})
                r = rate_at_target()
                out["rate_at_target"] = None if r is None else dec(r)
            elif kind == "query":
                m = market()
                rate = rate_view()
                r = rate_at_target()
                out.update({"market": market_json(m), "utilization": dec(m[2] * WAD // m[0] if m[0] else 0),
                            "borrow_rate": dec(rate), "borrow_rate_per_year": dec(rate * YEAR),
                            "rate_at_target": None if r is None else dec(r),
                            "rate_at_target_per_year": None if r is None else dec(r * YEAR),
                            "price": dec(price, 36),
                            "positions": {n: position_json(n) for n in sorted(named, key=lambda s: s.encode())}})
        except Reverted as error:
            out = {k: out[k] for k in ("line", "t", "op", "who", "borrower") if k in out}
            out["error"] = error.reason()
        print(json.dumps(out, ensure_ascii=False).replace('": ', '": ').replace(", ", ", "))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
