internal import HomeostatCore

/// The canonical form of `pools:` and of the liquidity behaviours.
extension ScenarioWriter {
    static func pool(_ p: PoolSpec) -> [(String, OutValue)] {
        if let coins = p.coins {
            return [
                ("name", .string(p.name)), ("kind", .keyword(p.kind.rawValue)), ("coins", .list(coins.map { .string($0) })),
                ("usd_reserve", .double(p.usdReserve ?? 0)), ("fee", .double(p.fee)), ("amplification", .double(p.amplification)),
                ("slippage_trade_usd", .double(p.slippageTradeUSD)),
            ]
        }
        var out: [(String, OutValue)] = [
            ("name", .string(p.name)), ("kind", .keyword(p.kind.rawValue)), ("token_reserve", .double(p.tokenReserve)),
        ]
        // Written only for an asset quote, so token/USD pools keep their canonical text.
        if p.quote != PoolSpec.usd { out.append(("quote", .string(p.quote))) }
        switch p.kind {
        case .constantProduct:
            if let usd = p.usdReserve { out.append(("usd_reserve", .double(usd))) }
            out += [("fee", .double(p.fee)), ("protocol_fee_share", .double(p.protocolFeeShare))]
        case .stableswap:
            if let usd = p.usdReserve { out.append(("usd_reserve", .double(usd))) }
            out += [
                ("fee", .double(p.fee)), ("protocol_fee_share", .double(p.protocolFeeShare)),
                ("amplification", .double(p.amplification)),
            ]
        case .concentrated:
            out += [
                ("fee", .double(p.fee)), ("tick_spacing", .int(p.tickSpacing)),
                ("ranges", .list(p.ranges.map { .map([("lower", .double($0.lower)), ("upper", .double($0.upper))]) })),
            ]
        }
        out.append(("slippage_trade_usd", .double(p.slippageTradeUSD)))
        return out
    }

    static func liquidityBehaviour(_ b: BehaviourSpec) -> [(String, OutValue)] {
        switch b {
        case .holder: return []
        case .mercenaryFarmer(let f):
            var out: [(String, OutValue)] = [("behaviour", .keyword("mercenary_farmer")), ("outside_apr", distribution(f.outsideAPR))]
            if let exit = f.exitAPR { out.append(("exit_apr", distribution(exit))) }
            return out + [("claim_every_days", .int(f.claimEveryDays)), ("gas_usd", .double(f.gasUSD))]
        case .longTermFarmer(let f):
            var out: [(String, OutValue)] = [("behaviour", .keyword("long_term_farmer")), ("gauge", .string(f.gauge))]
            if let days = f.lockDays { out.append(("lock_days", distribution(days))) }
            return out + [("claim_every_days", .int(f.claimEveryDays)), ("gas_usd", .double(f.gasUSD))]
        case .arbitrageur(let a):
            return [("behaviour", .keyword("arbitrageur")), ("gas_usd", .double(a.gasUSD))]
        case .passiveLP(let p):
            return [
                ("behaviour", .keyword("passive_lp")), ("pool", .string(p.pool)), ("deposit_fraction", .double(p.depositFraction)),
                ("min_fee_apr", distribution(p.minFeeAPR)), ("max_volatility", distribution(p.maxVolatility)),
                ("stake", .bool(p.stake)),
            ]
        case .rangeLP(let r):
            return [
                ("behaviour", .keyword("range_lp")), ("pool", .string(r.pool)), ("width", distribution(r.width)),
                ("rebalance_band", .double(r.rebalanceBand)), ("deposit_fraction", .double(r.depositFraction)),
                ("gas_usd", .double(r.gasUSD)),
            ]
        case .noiseTrader(let t):
            return [
                ("behaviour", .keyword("noise_trader")), ("activity", .double(t.activity)), ("size_usd", distribution(t.size)),
                ("buy_probability", .double(t.buyProbability)),
            ] + (t.pool.map { [("pool", OutValue.string($0))] } ?? [])
        case .informedTrader(let t):
            return [
                ("behaviour", .keyword("informed_trader")), ("activity", .double(t.activity)), ("size_usd", distribution(t.size)),
                ("accuracy", .double(t.accuracy)),
            ]
        }
    }
}

extension ScenarioWriter {
    static func asset(_ a: AssetSpec) -> [(String, OutValue)] {
        [("symbol", .string(a.symbol)), ("price", .double(a.price))] + process(a.process)
    }
}
