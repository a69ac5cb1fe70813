extension RandomStream {
    /// External asset `k` of a scenario (`assets:`) draws its price path from stream
    /// `assetBase + k`: far above the population streams, so adding assets changes no other
    /// stream and every scenario without assets keeps its bits.
    public static let assetBase: UInt64 = 1 << 40
}
