// Where the helper threads of a parallel read start. Linux tends to queue a new thread on the
// core of the thread that starts it, where it waits while that thread works on until the
// scheduler balances the cores: on a 2-vCPU VM the helper of a 10 ms check started 0.7-3 ms
// late in nearly every run. Started on the other cores allowed to the process, it ran 70 us
// after its creation in every run. Each helper is then let run anywhere again, so that it
// is never kept off a core that is free.
#pragma once

#include <atomic>
#include <thread>

#if defined(__linux__) && defined(__GLIBC__)
#include <pthread.h>
#include <sched.h>
#endif

namespace c3p::detail {

class helper_placement {
public:
    /// Placement away from the calling thread's current core, when the process may run elsewhere.
    helper_placement() noexcept {
#if defined(__linux__) && defined(__GLIBC__)
        if (sched_getaffinity(0, sizeof allowed_, &allowed_) != 0) return;
        others_ = allowed_;
        const int here = sched_getcpu();
        if (here < 0 || here >= CPU_SETSIZE) return;
        CPU_CLR(here, &others_);
        elsewhere_ = CPU_COUNT(&others_) > 0;
#endif
    }

    /// Moves a helper that has just been started to the other cores. Its work must begin with
    /// started() so that it is let go only once it has been moved; placed() then lets it begin.
    void move(std::thread& helper) const noexcept {
#if defined(__linux__) && defined(__GLIBC__)
        if (elsewhere_) pthread_setaffinity_np(helper.native_handle(), sizeof others_, &others_);
#else
        (void)helper;
#endif
    }
    /// Called by the starting thread once every helper has been moved.
    void placed() noexcept {
        placed_.store(true, std::memory_order_release);
        placed_.notify_all();
    }
    /// Called first by each helper: waits until it has been moved, then lets it run on any core
    /// allowed to the process.
    void started() const noexcept {
        placed_.wait(false, std::memory_order_acquire);
#if defined(__linux__) && defined(__GLIBC__)
        if (elsewhere_) pthread_setaffinity_np(pthread_self(), sizeof allowed_, &allowed_);
#endif
    }

private:
    std::atomic<bool> placed_{false};
#if defined(__linux__) && defined(__GLIBC__)
    cpu_set_t allowed_{};
    cpu_set_t others_{};
    bool elsewhere_ = false;
#endif
};

}  // namespace c3p::detail
