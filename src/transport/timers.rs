//! Attempt timers, reused.
//!
//! Every attempt runs under a timer (its timeout, or what is left of the call's deadline).
//! Registering a tokio timer whose deadline is earlier than every timer the runtime's driver
//! last saw makes tokio wake the driver's thread so that it can shorten its sleep
//! (tokio-rs/tokio#5207), even when that timer is 30 s away and the call will end in 100 µs. A
//! client that makes one call at a time pays that wake-up on every call: on a loopback round
//! trip it cost more than the rest of the SDK's layer.
//!
//! So timers are kept, not dropped: a finished attempt's timer goes back to a small per-client
//! pool, still registered, and the next attempt moves it to its own deadline. Moving a timer
//! later than the earliest one the driver knows needs no wake-up, and the pooled timer is that
//! earliest one. A timer is reused only on the runtime it was made on; the pool is bounded (the
//! oldest timer makes room), and a pooled timer holds no task's waker. A pooled timer does hold
//! its runtime's timer driver: a client shared by runtimes that come and go (one per test) keeps
//! at most the pool's size of them, until newer timers push them out.

use std::{
    future::Future,
    pin::Pin,
    sync::Mutex,
    task::{Context, Poll, Waker},
    time::Duration,
};

use tokio::{
    runtime::{Handle, Id},
    time::{Instant, Sleep},
};

/// How many idle timers a client keeps (one per call it had in flight at once, up to this).
const MAX_IDLE: usize = 64;

/// A client's idle timers.
#[derive(Default)]
pub(crate) struct Timers {
    idle: Mutex<Vec<Idle>>,
}

struct Idle {
    runtime: Id,
    sleep: Pin<Box<Sleep>>,
}

impl Timers {
    /// A timer that fires `after` from now: a pooled one moved to that deadline, or a new one.
    pub(crate) fn start(&self, after: Duration) -> Timer<'_> {
        let deadline = deadline_after(after);
        let runtime = Handle::try_current().ok().map(|handle| handle.id());
        let reused = runtime.and_then(|runtime| {
            let mut idle = self.idle.lock().ok()?;
            let at = idle.iter().rposition(|timer| timer.runtime == runtime)?;
            Some(idle.swap_remove(at))
        });
        let (runtime, sleep) = match reused {
            Some(mut timer) => {
                timer.sleep.as_mut().reset(deadline);
                (Some(timer.runtime), timer.sleep)
            }
            None => (runtime, Box::pin(tokio::time::sleep_until(deadline))),
        };
        Timer {
            pool: self,
            runtime,
            sleep: Some(sleep),
            polled: false,
        }
    }
}

/// The instant `after` from now; a duration too long to add (`Duration::MAX`, to mean "no
/// limit") gives an instant about thirty years away instead of overflowing.
pub(crate) fn deadline_after(after: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(after)
        .unwrap_or_else(|| now + Duration::from_secs(30 * 365 * 24 * 60 * 60))
}

/// A running timer; it goes back to its pool when dropped before firing.
pub(crate) struct Timer<'a> {
    pool: &'a Timers,
    runtime: Option<Id>,
    sleep: Option<Pin<Box<Sleep>>>,
    /// Whether a task polled it (and so left its waker in it).
    polled: bool,
}

impl Future for Timer<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        this.polled = true;
        match this.sleep.as_mut() {
            // Outside the task's cooperative budget, as `tokio::time::timeout` polls its timer:
            // work that used up the budget must not keep its own timeout from firing.
            Some(sleep) => Pin::new(&mut tokio::task::unconstrained(sleep.as_mut())).poll(cx),
            None => Poll::Ready(()),
        }
    }
}

impl Drop for Timer<'_> {
    fn drop(&mut self) {
        let (Some(mut sleep), Some(runtime)) = (self.sleep.take(), self.runtime) else {
            return;
        };
        // Dropped while unwinding: only dropped, so that nothing here can panic a second time.
        if std::thread::panicking() {
            return;
        }
        // A timer dropped outside its runtime (a call's future kept after the runtime that
        // polled it is gone) is only dropped: its runtime may be shut down, and polling a timer
        // of a runtime that is shut down panics.
        let here = Handle::try_current().ok().map(|handle| handle.id());
        if here != Some(runtime) || sleep.is_elapsed() {
            return;
        }
        // Polling once with a waker that does nothing replaces the waker of the task that
        // waited on it, so a pooled timer keeps no task alive and wakes none when it fires
        // (outside the cooperative budget, which could otherwise skip the poll).
        if self.polled
            && Pin::new(&mut tokio::task::unconstrained(sleep.as_mut()))
                .poll(&mut Context::from_waker(Waker::noop()))
                .is_ready()
        {
            return;
        }
        // When the pool is full the oldest timer makes room: it may belong to a runtime that is
        // gone (a client shared by several test runtimes), which no call would take again.
        let evicted = self.pool.idle.lock().ok().and_then(|mut idle| {
            let evicted = (idle.len() >= MAX_IDLE).then(|| idle.remove(0));
            idle.push(Idle { runtime, sleep });
            evicted
        });
        drop(evicted);
    }
}

#[cfg(test)]
mod tests {
    use std::{sync::Arc, task::Wake};

    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a runtime")
    }

    fn idle(timers: &Timers) -> usize {
        timers
            .idle
            .lock()
            .map(|idle| idle.len())
            .unwrap_or(usize::MAX)
    }

    #[test]
    fn a_dropped_timer_is_pooled_and_the_next_one_reuses_it_at_its_own_deadline() {
        let timers = Timers::default();
        runtime().block_on(async {
            drop(timers.start(Duration::from_millis(20)));
            assert_eq!(idle(&timers), 1);
            let started = std::time::Instant::now();
            // The pooled timer was due 20 ms after the first start; moved, it must wait 150 ms.
            let timer = timers.start(Duration::from_millis(150));
            assert_eq!(idle(&timers), 0, "the pooled timer was taken");
            timer.await;
            assert!(started.elapsed() >= Duration::from_millis(150));
            assert_eq!(idle(&timers), 0, "a timer that fired is not pooled");
        });
    }

    #[test]
    fn a_timer_of_a_runtime_that_is_gone_is_not_reused() {
        let timers = Timers::default();
        runtime().block_on(async { drop(timers.start(Duration::from_secs(30))) });
        assert_eq!(idle(&timers), 1);
        runtime().block_on(async {
            let started = std::time::Instant::now();
            timers.start(Duration::from_millis(30)).await;
            assert!(started.elapsed() >= Duration::from_millis(30));
        });
        assert_eq!(idle(&timers), 1, "the other runtime's timer stays unused");
    }

    #[test]
    fn the_pool_is_bounded_and_the_oldest_timers_make_room() {
        let timers = Timers::default();
        runtime().block_on(async {
            let many: Vec<_> = (0..MAX_IDLE)
                .map(|_| timers.start(Duration::from_secs(30)))
                .collect();
            drop(many);
        });
        assert_eq!(idle(&timers), MAX_IDLE);
        // A runtime that is gone left a full pool; a new runtime's timers still get pooled.
        runtime().block_on(async { drop(timers.start(Duration::from_secs(30))) });
        let runtimes: std::collections::HashSet<_> = timers
            .idle
            .lock()
            .map(|idle| idle.iter().map(|timer| timer.runtime).collect())
            .unwrap_or_default();
        assert_eq!(idle(&timers), MAX_IDLE);
        assert_eq!(
            runtimes.len(),
            2,
            "the newest runtime's timer is in the pool"
        );
    }

    #[test]
    fn a_timer_dropped_after_its_runtime_is_gone_is_dropped_not_pooled() {
        let timers = Timers::default();
        let runtime = runtime();
        let timer = {
            let _inside = runtime.enter();
            let mut timer = Box::pin(timers.start(Duration::from_secs(30)));
            let waker = Waker::noop();
            assert!(
                timer
                    .as_mut()
                    .poll(&mut Context::from_waker(waker))
                    .is_pending()
            );
            timer
        };
        drop(runtime);
        drop(timer);
        assert_eq!(idle(&timers), 0);
    }

    #[test]
    fn a_timer_dropped_by_a_task_that_spent_its_budget_still_lets_its_waker_go() {
        let timers = Timers::default();
        let waker_state = Arc::new(Counted);
        // The runtime lives on while the waker is counted: shutting it down fires the pooled
        // timer, which would let the waker go whatever the pool did.
        let runtime = runtime();
        runtime.block_on(async {
            let waker = Waker::from(waker_state.clone());
            let mut timer = Some(Box::pin(timers.start(Duration::from_secs(30))));
            if let Some(timer) = timer.as_mut() {
                let polled = timer.as_mut().poll(&mut Context::from_waker(&waker));
                assert!(polled.is_pending());
            }
            drop(waker);
            let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
            for _ in 0..1000 {
                sender.send(()).expect("open");
            }
            std::future::poll_fn(|cx| {
                // Ready messages until tokio's cooperative budget says no more.
                while receiver.poll_recv(cx).is_ready() {}
                assert!(
                    !tokio::task::coop::has_budget_remaining(),
                    "the budget is spent"
                );
                drop(timer.take());
                Poll::Ready(())
            })
            .await;
        });
        assert_eq!(idle(&timers), 1);
        assert_eq!(
            Arc::strong_count(&waker_state),
            1,
            "the pooled timer let it go"
        );
    }

    /// A waker whose copies are counted by its `Arc`.
    struct Counted;

    impl Wake for Counted {
        fn wake(self: Arc<Self>) {}
    }

    #[test]
    fn a_pooled_timer_holds_no_waker_of_the_task_that_waited_on_it() {
        let timers = Timers::default();
        let waker_state = Arc::new(Counted);
        // The runtime lives on while the waker is counted: shutting it down fires the pooled
        // timer, which would let the waker go whatever the pool did.
        let runtime = runtime();
        runtime.block_on(async {
            let waker = Waker::from(waker_state.clone());
            let mut timer = std::pin::pin!(timers.start(Duration::from_secs(30)));
            assert!(
                timer
                    .as_mut()
                    .poll(&mut Context::from_waker(&waker))
                    .is_pending()
            );
            drop(waker);
            assert!(
                Arc::strong_count(&waker_state) > 1,
                "the timer holds the waker"
            );
        });
        assert_eq!(idle(&timers), 1);
        assert_eq!(
            Arc::strong_count(&waker_state),
            1,
            "the pooled timer let it go"
        );
    }
}
