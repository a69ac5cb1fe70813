import HomeostatCore
import HomeostatScenario
import HomeostatExperiments
import Dispatch

var s = Scenario(name: "bm1")
s.seed = 1
s.horizonDays = 730
s.market.process = .gbm(drift: 0, volatility: 0.8)
s.market.impact = ImpactSpec()
s.mechanisms.voteEscrow = VoteEscrowSpec()
s.mechanisms.voteEscrow!.weekRounding = false
s.mechanisms.emission = EmissionSpec(schedule: .halving(initialPerDay: 100_000, halfLifeDays: 365))
s.mechanisms.feeSharing = FeeSharingSpec()
s.populations = [PopulationSpec(name: "holders", count: 10_000, behaviour: .holder(HolderSpec()))]
s.metrics.names = ["price", "locked", "locked_share", "voting_power", "sell_pressure", "fees_to_lockers"]
let t0 = DispatchTime.now().uptimeNanoseconds
let recs = try Ensemble.run(s, options: EnsembleOptions(runs: 4, threads: 1, check: CommandLine.arguments.count > 1))
let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
for r in recs {
  let rec = r.outcome.recorder
  if case .failed(let e, _) = r.outcome { print("FAILED", e) }
  let sp = rec.series("sell_pressure")!
  print(r.run, rec.series("price")!.last!, rec.series("locked_share")!.last!, rec.series("voting_power")!.last!, sp.reduce(0,+)/Double(sp.count), rec.series("fees_to_lockers")!.reduce(0,+))
}
print("agent_steps_per_s", 10000.0*730*4/dt, dt)
