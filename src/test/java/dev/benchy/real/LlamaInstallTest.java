package dev.benchy.real;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The environment that src/test/llama/prepare.sh exports, read by the real-server tier. */
class LlamaInstallTest {

    @TempDir
    Path dir;

    @Test
    void absentMeansTheTierIsSkipped() {
        assertEquals(Optional.empty(), LlamaInstall.fromEnvironment(Map.of()));
        assertEquals(Optional.empty(), LlamaInstall.fromEnvironment(Map.of(LlamaInstall.SERVER, " ")));
    }

    @Test
    void setButWrongIsAnErrorNamingTheVariableAndTheValue() throws IOException {
        Path notExecutable = Files.createFile(dir.resolve("llama-server"));
        IllegalStateException server = assertThrows(IllegalStateException.class,
                () -> LlamaInstall.fromEnvironment(Map.of(LlamaInstall.SERVER, notExecutable.toString())));
        assertEquals("BENCHY_LLAMA_SERVER: must be an executable llama-server, but was '" + notExecutable + "'",
                server.getMessage());

        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rwx------"));
        IllegalStateException model = assertThrows(IllegalStateException.class,
                () -> LlamaInstall.fromEnvironment(Map.of(LlamaInstall.SERVER, notExecutable.toString(),
                        LlamaInstall.MODEL, dir.resolve("none.gguf").toString())));
        assertEquals("BENCHY_LLAMA_MODEL: must be a GGUF file, but was '" + dir.resolve("none.gguf") + "'",
                model.getMessage());
    }

    @Test
    void theServerTheModelAndTheLibraries() throws IOException {
        Path server = Files.createFile(dir.resolve("llama-server"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path model = Files.createFile(dir.resolve("m.gguf"));

        assertEquals(Optional.of(new LlamaInstall(server, model, Optional.of(dir))),
                LlamaInstall.fromEnvironment(Map.of(LlamaInstall.SERVER, server.toString(),
                        LlamaInstall.MODEL, model.toString(), LlamaInstall.LIBRARIES, dir.toString())));
        assertEquals(Optional.of(new LlamaInstall(server, model, Optional.empty())),
                LlamaInstall.fromEnvironment(Map.of(LlamaInstall.SERVER, server.toString(),
                        LlamaInstall.MODEL, model.toString())));
    }
}
