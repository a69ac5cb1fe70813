import Testing

/// Namespace of the governance, exit-penalty, staking-queue and treasury suites, so that
/// `swift test --filter GovernanceMechanisms` selects them.
@Suite("Governance mechanisms") enum GovernanceMechanisms {}
