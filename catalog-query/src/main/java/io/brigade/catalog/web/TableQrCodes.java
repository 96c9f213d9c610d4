package io.brigade.catalog.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.brigade.catalog.config.CatalogProperties;
import io.brigade.catalog.query.TableView;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The QR code stuck on a table: it opens that table in the app. */
@Component
public class TableQrCodes {

    private static final int SIZE = 320;

    private final String appUrl;

    public TableQrCodes(CatalogProperties properties) {
        this.appUrl = properties.appUrl().replaceAll("/+$", "");
    }

    public String link(TableView table) {
        return appUrl + "/tables/" + table.id();
    }

    public byte[] png(TableView table) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(link(table), BarcodeFormat.QR_CODE, SIZE, SIZE,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(),
                    BufferedImage.TYPE_BYTE_BINARY);
            for (int x = 0; x < matrix.getWidth(); x++) {
                for (int y = 0; y < matrix.getHeight(); y++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("Could not encode " + link(table), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
