package io.autoflow.tabular;

import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Passes a sheet's XML events on to POI's handler and notes every merged range ({@code <mergeCell ref="A1:B1"/>}). */
final class MergedCellCollector extends DefaultHandler {

    private final ContentHandler delegate;
    private final List<String> ranges;

    MergedCellCollector(ContentHandler delegate, List<String> ranges) {
        this.delegate = delegate;
        this.ranges = ranges;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        if ("mergeCell".equals(localName) && attributes.getValue("ref") != null) {
            ranges.add(attributes.getValue("ref"));
        }
        delegate.startElement(uri, localName, qName, attributes);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        delegate.endElement(uri, localName, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        delegate.characters(ch, start, length);
    }
}
