extension Simulation {
    /// Evaluates the metrics modules read (``Module/needs``) into ``World/measurements``.
    mutating func measure() {
        for (name, module, slot) in measured {
            var value = Double.nan
            if let module {
                var visitor = ReadMetric(slot: slot)
                modules[module].accept(&visitor, world: &world)
                value = visitor.value
            } else {
                value = AbsentMetrics.value(slot, world: &world)
            }
            world.measurements[name] = value
        }
    }
}
