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
//! oldest timer makes room), and a pooled timer holds no task's waker.

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
        let deadline = Instant::now() + after;
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
        }
    }
}

/// A running timer; it goes back to its pool when dropped before firing.
pub(crate) struct Timer<'a> {
    pool: &'a Timers,
    runtime: Option<Id>,
    sleep: Option<Pin<Box<Sleep>>>,
}

impl Future for Timer<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.sleep.as_mut() {
            Some(sleep) => sleep.as_mut().poll(cx),
            None => Poll::Ready(()),
        }
    }
}

impl Drop for Timer<'_> {
    fn drop(&mut self) {
        let (Some(mut sleep), Some(runtime)) = (self.sleep.take(), self.runtime) else {
            return;
        };
        // A timer dropped outside its runtime (a call's future kept after the runtime that
        // polled it is gone) is only dropped: its runtime may be shut down, and polling a timer
        // of a runtime that is shut down panics.
        let here = Handle::try_current().ok().map(|handle| handle.id());
        if here != Some(runtime) || sleep.is_elapsed() {
            return;
        }
        // Polling once with a waker that does nothing replaces the waker of the task that
        // waited on it, so a pooled timer keeps no task alive and wakes none when it fires.
        if sleep
            .as_mut()
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

    /// A waker whose copies are counted by its `Arc`.
    struct Counted;

    impl Wake for Counted {
        fn wake(self: Arc<Self>) {}
    }

    #[test]
    fn a_pooled_timer_holds_no_waker_of_the_task_that_waited_on_it() {
        let timers = Timers::default();
        let waker_state = Arc::new(Counted);
        runtime().block_on(async {
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
