//! Webhook delivery faults: the next deliveries (events) are dropped, sent twice, delayed or held
//! back until released, and a receiver can be made unreachable for a while, so a webhook
//! receiver can be tested against what production does to it: lost, repeated, late and
//! reordered events. Here are the faults and the state they keep; `webhooks.rs` applies them.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::time::Instant;

use super::MAX_FAULT_WAIT;
use crate::util::survives_clear;

/// The longest window [`Sandbox::receiver_unreachable`](crate::Sandbox::receiver_unreachable)
/// opens: one day. Longer windows are cut to this, so the sandbox's timers stay in range.
pub const MAX_UNREACHABLE: Duration = Duration::from_secs(24 * 60 * 60);

/// What a delivery fault does to the delivery it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryFaultKind {
    /// The delivery is never sent; the log shows it as dropped.
    Drop,
    /// The delivery is sent twice, the second copy right after the first completes (delivered
    /// or given up), with the same body and signature; each copy has its own retries.
    Duplicate,
    /// The delivery waits this long before its first attempt; later events of the same
    /// validation wait behind it, as they do behind a slow receiver.
    Delay(Duration),
    /// The delivery is kept back, unsent, until released; later events of the same validation
    /// go on without it, so releasing it reorders them.
    Hold,
}

impl DeliveryFaultKind {
    /// The kind's name in the control API: `drop`, `duplicate`, `delay` or `hold`.
    pub fn name(&self) -> &'static str {
        match self {
            DeliveryFaultKind::Drop => "drop",
            DeliveryFaultKind::Duplicate => "duplicate",
            DeliveryFaultKind::Delay(_) => "delay",
            DeliveryFaultKind::Hold => "hold",
        }
    }
}

/// How many deliveries a fault takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    /// Not chosen: one delivery, or every chosen one for a fraction (a fraction limited to one
    /// delivery would rarely be what a test means by "30% dropped").
    Default,
    Times(u32),
    Always,
}

/// A fault for webhook deliveries, injected with
/// [`Sandbox::inject_delivery_fault`](crate::Sandbox::inject_delivery_fault).
///
/// Faults are consulted in the order they were injected, once per delivery, when the
/// validation's worker picks the delivery up; the first fault that applies takes it.
///
/// ```
/// use std::time::Duration;
/// use gu1_kyc_sandbox::DeliveryFault;
///
/// // The next delivery is lost.
/// let lost = DeliveryFault::drop();
/// // The next three deliveries arrive twice.
/// let twice = DeliveryFault::duplicate().times(3);
/// // Every delivery waits two seconds, until the faults are cleared.
/// let late = DeliveryFault::delay(Duration::from_secs(2)).always();
/// // 10% of the deliveries are held back, the same ones on every run.
/// let some_held = DeliveryFault::hold().fraction(0.1, 42);
/// # let _ = (lost, twice, late, some_held);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryFault {
    kind: DeliveryFaultKind,
    limit: Limit,
    fraction: Option<(f64, u64)>,
}

impl DeliveryFault {
    fn new(kind: DeliveryFaultKind) -> DeliveryFault {
        DeliveryFault {
            kind,
            limit: Limit::Default,
            fraction: None,
        }
    }

    /// The delivery is never sent; it is logged as
    /// [`DeliveryState::Dropped`](crate::DeliveryState::Dropped).
    // An associated function, not `Drop::drop`: there is no value to drop, only a fault to build.
    pub fn drop() -> DeliveryFault {
        DeliveryFault::new(DeliveryFaultKind::Drop)
    }

    /// The delivery is sent twice, the second copy right after the first completes, with the
    /// same body and signature.
    pub fn duplicate() -> DeliveryFault {
        DeliveryFault::new(DeliveryFaultKind::Duplicate)
    }

    /// The delivery waits `by` before its first attempt (at most
    /// [`MAX_FAULT_WAIT`](crate::MAX_FAULT_WAIT), 300 s).
    pub fn delay(by: Duration) -> DeliveryFault {
        DeliveryFault::new(DeliveryFaultKind::Delay(by))
    }

    /// The delivery is kept back, unsent, until
    /// [`Sandbox::release_held`](crate::Sandbox::release_held); it does not block later events of
    /// the same validation, so releasing it reorders them.
    pub fn hold() -> DeliveryFault {
        DeliveryFault::new(DeliveryFaultKind::Hold)
    }

    /// Applies to the next `n` deliveries it takes (default 1; with
    /// [`fraction`](DeliveryFault::fraction), default until cleared). Zero is refused.
    pub fn times(mut self, n: u32) -> DeliveryFault {
        self.limit = Limit::Times(n);
        self
    }

    /// Applies until the faults are cleared.
    pub fn always(mut self) -> DeliveryFault {
        self.limit = Limit::Always;
        self
    }

    /// Takes each delivery it sees with probability `p` (0 to 1), drawn from
    /// `fastrand::Rng::with_seed(seed)` (a delivery is taken when `f64()` draws below `p`), so
    /// the same seed chooses the same deliveries of the same sequence. A delivery it passes over
    /// does not count towards [`times`](DeliveryFault::times) and goes on to the next fault.
    /// Without `times`, it applies until cleared.
    pub fn fraction(mut self, p: f64, seed: u64) -> DeliveryFault {
        self.fraction = Some((p, seed));
        self
    }

    /// What it does.
    pub fn kind(&self) -> &DeliveryFaultKind {
        &self.kind
    }

    /// How many more deliveries it takes; `None` until cleared.
    pub fn remaining(&self) -> Option<u32> {
        match (self.limit, self.fraction) {
            (Limit::Times(n), _) => Some(n),
            (Limit::Always, _) | (Limit::Default, Some(_)) => None,
            (Limit::Default, None) => Some(1),
        }
    }

    /// The probability it takes a delivery it sees, if it is a fraction.
    pub fn probability(&self) -> Option<f64> {
        self.fraction.map(|(p, _)| p)
    }

    /// The seed of its draws, if it is a fraction.
    pub fn seed(&self) -> Option<u64> {
        self.fraction.map(|(_, seed)| seed)
    }

    /// Why the sandbox cannot inject this fault, if it cannot.
    pub(crate) fn problem(&self) -> Option<String> {
        if self.limit == Limit::Times(0) {
            return Some("times must be at least 1".to_string());
        }
        if let Some((p, _)) = self.fraction
            && !(0.0..=1.0).contains(&p)
        {
            // NaN is outside every range, so it is refused here too.
            return Some("fraction must be from 0 to 1".to_string());
        }
        if let DeliveryFaultKind::Delay(wait) = self.kind
            && wait > MAX_FAULT_WAIT
        {
            return Some(format!(
                "a delay may be at most {} seconds",
                MAX_FAULT_WAIT.as_secs()
            ));
        }
        None
    }

    /// The fault as the control API shows it.
    pub(crate) fn to_json(&self, id: u64, taken: u64) -> Value {
        let mut out = json!({
            "id": id,
            "kind": self.kind.name(),
            "remaining": self.remaining(),
            "fraction": self.probability(),
            "seed": self.seed(),
            "taken": taken,
        });
        if let (DeliveryFaultKind::Delay(wait), Some(map)) = (self.kind, out.as_object_mut()) {
            let millis = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
            map.insert("delayMs".into(), json!(millis));
        }
        out
    }
}

/// The order [`Sandbox::release_held`](crate::Sandbox::release_held) sends held deliveries in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleaseOrder {
    /// The order they were held in.
    AsHeld,
    /// The last held first.
    Reverse,
    /// A shuffle drawn from `fastrand::Rng::with_seed(seed)`: the same seed, the same order.
    Shuffled(u64),
}

impl ReleaseOrder {
    /// Puts `items` (in the order they were held) into this order.
    pub(crate) fn arrange<T>(self, items: &mut [T]) {
        match self {
            ReleaseOrder::AsHeld => {}
            ReleaseOrder::Reverse => items.reverse(),
            ReleaseOrder::Shuffled(seed) => fastrand::Rng::with_seed(seed).shuffle(items),
        }
    }
}

/// One waiting fault: whose it is (`None` for one injected from Rust, which applies to every
/// organization, or the organization whose key injected it over HTTP), its draws and its count.
#[derive(Debug)]
struct Entry {
    id: u64,
    organization_id: Option<String>,
    fault: DeliveryFault,
    rng: Option<fastrand::Rng>,
    taken: u64,
}

impl Entry {
    fn applies_to(&self, organization_id: Option<&str>) -> bool {
        organization_id.is_none()
            || self.organization_id.is_none()
            || self.organization_id.as_deref() == organization_id
    }
}

/// The delivery faults waiting, the deliveries held back, and the unreachable windows. The
/// delivery log keeps this beside its entries, under the same lock, so a delivery's fault and
/// its state change together.
#[derive(Debug, Default)]
pub(crate) struct DeliveryFaults {
    entries: Vec<Entry>,
    next_id: u64,
    /// Held deliveries (indexes into the log) with their organization, in the order held.
    held: Vec<(usize, String)>,
    /// The window that applies to every organization, opened from Rust.
    unreachable_everyone: Option<Instant>,
    /// Windows opened over HTTP, each for its organization's deliveries.
    unreachable_by_organization: HashMap<String, Instant>,
}

impl DeliveryFaults {
    /// Adds a checked fault; returns its id.
    pub fn push(&mut self, fault: DeliveryFault, organization_id: Option<String>) -> u64 {
        self.next_id += 1;
        let rng = fault.seed().map(fastrand::Rng::with_seed);
        self.entries.push(Entry {
            id: self.next_id,
            organization_id,
            fault,
            rng,
            taken: 0,
        });
        self.next_id
    }

    /// Consults the faults in order for one delivery of `organization_id`: the first that
    /// applies takes it (and counts it); a fraction that passes it over draws and moves on.
    pub fn take(&mut self, organization_id: &str) -> Option<(u64, DeliveryFaultKind)> {
        let mut chosen = None;
        for (index, entry) in self.entries.iter_mut().enumerate() {
            if !entry.applies_to(Some(organization_id)) {
                continue;
            }
            if let (Some((p, _)), Some(rng)) = (entry.fault.fraction, entry.rng.as_mut())
                && rng.f64() >= p
            {
                continue;
            }
            chosen = Some(index);
            break;
        }
        let index = chosen?;
        let entry = &mut self.entries[index];
        entry.taken += 1;
        let taken = (entry.id, entry.fault.kind);
        match entry.fault.remaining() {
            Some(left) if left <= 1 => {
                self.entries.remove(index);
            }
            Some(left) => entry.fault.limit = Limit::Times(left - 1),
            None => {}
        }
        Some(taken)
    }

    /// The faults waiting: all of them for `None`, or those that apply to an organization's
    /// deliveries.
    pub fn pending(&self, organization_id: Option<&str>) -> Vec<(u64, DeliveryFault)> {
        self.entries
            .iter()
            .filter(|e| e.applies_to(organization_id))
            .map(|e| (e.id, e.fault.clone()))
            .collect()
    }

    /// The faults waiting as the control API shows them.
    pub fn pending_json(&self, organization_id: &str) -> Vec<Value> {
        self.entries
            .iter()
            .filter(|e| e.applies_to(Some(organization_id)))
            .map(|e| e.fault.to_json(e.id, e.taken))
            .collect()
    }

    /// Removes every fault (`None`), or those an organization injected.
    pub fn clear(&mut self, organization_id: Option<&str>) {
        self.entries
            .retain(|e| survives_clear(organization_id, e.organization_id.as_deref()));
    }

    /// Keeps a delivery back until it is released.
    pub fn hold(&mut self, index: usize, organization_id: String) {
        self.held.push((index, organization_id));
    }

    /// Takes the held deliveries (all of them for `None`, or an organization's) in the order
    /// they were held; those of other organizations stay held.
    pub fn take_held(&mut self, organization_id: Option<&str>) -> Vec<usize> {
        let (taken, kept) = std::mem::take(&mut self.held)
            .into_iter()
            .partition(|(_, own)| organization_id.is_none_or(|o| o == own));
        self.held = kept;
        taken.into_iter().map(|(index, _)| index).collect()
    }

    /// Makes every attempt to deliver (`None`: every organization's; else one organization's)
    /// fail until `until`. A later call replaces the earlier window.
    pub fn set_unreachable(&mut self, organization_id: Option<String>, until: Instant) {
        match organization_id {
            None => self.unreachable_everyone = Some(until),
            Some(own) => {
                self.unreachable_by_organization.insert(own, until);
            }
        }
    }

    /// Whether an attempt for `organization_id` at `now` falls in an unreachable window.
    pub fn is_unreachable(&self, organization_id: &str, now: Instant) -> bool {
        self.unreachable_everyone.is_some_and(|until| now < until)
            || self
                .unreachable_by_organization
                .get(organization_id)
                .is_some_and(|until| now < *until)
    }
}

/// `now + for_`, with `for_` cut to [`MAX_UNREACHABLE`].
pub(crate) fn window_end(now: Instant, for_: Duration) -> Instant {
    now + for_.min(MAX_UNREACHABLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_default_to_one_or_to_until_cleared_for_a_fraction() {
        assert_eq!(DeliveryFault::drop().remaining(), Some(1));
        assert_eq!(DeliveryFault::drop().times(3).remaining(), Some(3));
        assert_eq!(DeliveryFault::drop().always().remaining(), None);
        assert_eq!(DeliveryFault::hold().fraction(0.5, 7).remaining(), None);
        let limited = DeliveryFault::hold().fraction(0.5, 7).times(2);
        assert_eq!(
            (limited.remaining(), limited.probability(), limited.seed()),
            (Some(2), Some(0.5), Some(7))
        );
        // The last of times and always wins.
        assert_eq!(DeliveryFault::drop().always().times(2).remaining(), Some(2));
        assert_eq!(DeliveryFault::drop().times(2).always().remaining(), None);
    }

    #[test]
    fn bad_faults_are_explained() {
        assert!(DeliveryFault::drop().times(0).problem().is_some());
        for p in [f64::NAN, -0.1, 1.5, f64::INFINITY] {
            assert!(
                DeliveryFault::drop().fraction(p, 1).problem().is_some(),
                "{p}"
            );
        }
        for p in [0.0, 0.3, 1.0] {
            assert!(
                DeliveryFault::drop().fraction(p, 1).problem().is_none(),
                "{p}"
            );
        }
        assert!(
            DeliveryFault::delay(MAX_FAULT_WAIT + Duration::from_millis(1))
                .problem()
                .is_some()
        );
        assert!(DeliveryFault::delay(MAX_FAULT_WAIT).problem().is_none());
    }

    #[test]
    fn the_first_fault_that_applies_takes_the_delivery_and_counts_it() {
        let mut faults = DeliveryFaults::default();
        let drop = faults.push(DeliveryFault::drop().times(2), Some("org-a".into()));
        let hold = faults.push(DeliveryFault::hold(), None);
        // org-b skips org-a's fault and takes the one for everyone.
        assert_eq!(faults.take("org-b"), Some((hold, DeliveryFaultKind::Hold)));
        assert_eq!(faults.take("org-b"), None);
        assert_eq!(faults.take("org-a"), Some((drop, DeliveryFaultKind::Drop)));
        assert_eq!(faults.pending(None)[0].1.remaining(), Some(1));
        assert_eq!(faults.pending_json("org-a")[0]["taken"], 1);
        assert!(faults.pending(Some("org-b")).is_empty());
        assert_eq!(faults.take("org-a"), Some((drop, DeliveryFaultKind::Drop)));
        assert!(faults.pending(None).is_empty());
    }

    #[test]
    fn a_fraction_draws_from_its_seed_and_passes_the_rest_on() {
        let choices = |seed: u64| {
            let mut faults = DeliveryFaults::default();
            faults.push(DeliveryFault::drop().fraction(0.3, seed), None);
            faults.push(DeliveryFault::duplicate().always(), None);
            (0..200)
                .map(|_| faults.take("org").map(|(_, kind)| kind))
                .collect::<Vec<_>>()
        };
        let first = choices(11);
        assert_eq!(first, choices(11), "the same seed, the same choice");
        assert_ne!(first, choices(12));
        let dropped = first
            .iter()
            .filter(|k| **k == Some(DeliveryFaultKind::Drop))
            .count();
        assert!((40..=80).contains(&dropped), "{dropped} of 200 dropped");
        // Every delivery the fraction passed over fell through to the next fault.
        assert!(first.iter().all(Option::is_some));
        // The same draws as fastrand's generator with that seed.
        let mut rng = fastrand::Rng::with_seed(11);
        let expected: Vec<bool> = (0..200).map(|_| rng.f64() < 0.3).collect();
        let actual: Vec<bool> = first
            .iter()
            .map(|k| *k == Some(DeliveryFaultKind::Drop))
            .collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn held_deliveries_are_released_per_organization_in_the_chosen_order() {
        let mut faults = DeliveryFaults::default();
        for (index, org) in [(3, "a"), (5, "b"), (8, "a"), (9, "a")] {
            faults.hold(index, org.to_string());
        }
        let mut mine = faults.take_held(Some("a"));
        assert_eq!(mine, [3, 8, 9]);
        ReleaseOrder::Reverse.arrange(&mut mine);
        assert_eq!(mine, [9, 8, 3]);
        assert_eq!(faults.take_held(None), [5]);
        assert!(faults.take_held(None).is_empty());

        let shuffled = |seed| {
            let mut items: Vec<u32> = (0..20).collect();
            ReleaseOrder::Shuffled(seed).arrange(&mut items);
            items
        };
        assert_eq!(shuffled(4), shuffled(4));
        assert_ne!(shuffled(4), (0..20).collect::<Vec<u32>>());
    }

    #[test]
    fn an_unreachable_window_covers_its_organization_until_it_ends() {
        let mut faults = DeliveryFaults::default();
        let now = Instant::now();
        faults.set_unreachable(Some("a".into()), now + Duration::from_secs(1));
        assert!(faults.is_unreachable("a", now));
        assert!(!faults.is_unreachable("b", now));
        assert!(!faults.is_unreachable("a", now + Duration::from_secs(1)));
        faults.set_unreachable(None, window_end(now, Duration::MAX));
        assert!(faults.is_unreachable("b", now + Duration::from_secs(3600)));
        faults.set_unreachable(None, now);
        assert!(!faults.is_unreachable("b", now));
    }
}
