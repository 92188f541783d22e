package dev.parley.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jdbi.v3.core.Handle;

/**
 * Attachments as files under {@code PARLEY_DATA_DIR/attachments/{appId}/{attachmentId}}, for the embedded database,
 * which serves one server. An upload is written to a temporary file in the same directory, forced to disk, then
 * moved into place in one step, so a file under its final name is always whole.
 */
public final class FileContents implements AttachmentContents {
    private static final String UPLOAD_SUFFIX = ".upload";
    private final Path root;

    public FileContents(Path dataDir) {
        this.root = dataDir.resolve("attachments");
    }

    @Override
    public NewContent create(String appId, String attachmentId) throws IOException {
        Path directory = Files.createDirectories(root.resolve(appId));
        Path temporary = Files.createTempFile(directory, attachmentId + "-", UPLOAD_SUFFIX);
        return new NewFile(temporary, directory.resolve(attachmentId));
    }

    @Override
    public InputStream open(String appId, String attachmentId, long offset) throws IOException {
        FileChannel channel = FileChannel.open(root.resolve(appId).resolve(attachmentId), StandardOpenOption.READ);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    @Override
    public void delete(Handle handle, String appId, String attachmentId) throws IOException {
        Files.deleteIfExists(root.resolve(appId).resolve(attachmentId));
    }

    @Override
    public int deleteAbandoned(Handle handle, String idsBefore, int limit) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> apps = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path app : apps) {
                try (DirectoryStream<Path> uploads = Files.newDirectoryStream(app, "*" + UPLOAD_SUFFIX)) {
                    for (Path upload : uploads) {
                        if (deleted == limit) {
                            return deleted;
                        }
                        String attachmentId = upload.getFileName().toString().split("-", 2)[0];
                        if (attachmentId.compareTo(idsBefore) < 0 && Files.deleteIfExists(upload)) {
                            deleted++;
                        }
                    }
                }
            }
        }
        return deleted;
    }

    private static final class NewFile implements NewContent {
        private final Path temporary;
        private final Path target;
        private final FileChannel channel;

        NewFile(Path temporary, Path target) throws IOException {
            this.temporary = temporary;
            this.target = target;
            this.channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
        }

        @Override
        public void write(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        @Override
        public void finish() throws IOException {
            channel.force(true);
            channel.close();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            // The move itself is on disk once the directory is.
            try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        }

        @Override
        public void abort() {
            try {
                channel.close();
                Files.deleteIfExists(temporary);
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // Nothing more can be done here; the failure that led here is what the caller reports.
            }
        }
    }
}
