package org.ferrel.io.figures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writes images as PNG files the way Ferrel writes all files: complete or not at all. */
public final class Png {
    private Png() {
    }

    /**
     * Writes {@code image} to {@code png} through a hidden temporary sibling that is renamed when complete, so an
     * interrupted write never leaves a file that looks finished and an existing file is only replaced by a complete
     * one. Creates missing parent folders.
     *
     * @throws IOException naming the file when it cannot be written
     */
    public static void write(BufferedImage image, Path png) throws IOException {
        Path target = png.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(temporary)) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer available");
                }
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("cannot write " + png + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
