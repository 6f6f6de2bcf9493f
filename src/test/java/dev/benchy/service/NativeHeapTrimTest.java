package dev.benchy.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeHeapTrimTest {

    @Test
    void theJdkThisServiceRunsOnCanTrimItsNativeHeap() {
        NativeHeapTrim trim = new NativeHeapTrim();
        trim.trim();
        trim.trim();
        assertTrue(trim.available(), "System.trim_native_heap is missing: JDK " + Runtime.version()
                + " (it needs 17.0.9 or later on glibc)");
    }
}
