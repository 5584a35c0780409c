// What a stock Solr field makes of a sinoviet synonyms file, run on real Lucene classes.
//
// The field chain is the one toolkit/exports/solr_analysed.py documents: StandardTokenizer,
// LowerCaseFilter, ASCIIFoldingFilter, then SynonymGraphFilter at query time only. The rules are
// parsed the way Solr's SynonymGraphFilterFactory parses them when it is given no tokenizerFactory
// or analyzer: WhitespaceTokenizer, lower-cased (ignoreCase="true"), equivalences expanded.
//
//   java SolrSynonymsCheck analyse TERMS             one term a line in, its field tokens a line out
//   java SolrSynonymsCheck search SYNONYMS DOCS QUERIES
//        DOCS: name<TAB>text a line; QUERIES: one a line;
//        out:  query<TAB>phrase hits<TAB>all-words hits<TAB>any-word hits (names joined by ",")
//
// Files are UTF-8. Only tests/test_exports.py runs it; it needs lucene-core, lucene-analysis-common
// (lucene-analyzers-common before Lucene 9) on the class path.

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

public final class SolrSynonymsCheck {
    private static final String FIELD = "body";

    /** The field's chain; with a synonym map it is the query chain, without one the index chain. */
    private static Analyzer fieldChain(SynonymMap synonyms) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
                if (synonyms != null) {
                    stream = new SynonymGraphFilter(stream, synonyms, true);
                }
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /** How SynonymGraphFilterFactory reads the rules when no tokenizerFactory or analyzer is set. */
    private static Analyzer solrRuleChain() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new WhitespaceTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        }
        return out;
    }

    private static List<String> lines(String path) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    private static void analyse(String termsPath) throws IOException {
        Analyzer chain = fieldChain(null);
        StringBuilder out = new StringBuilder();
        for (String term : Files.readAllLines(Path.of(termsPath), StandardCharsets.UTF_8)) {
            out.append(String.join(" ", tokens(chain, term))).append('\n');
        }
        System.out.print(out);
    }

    @SuppressWarnings("deprecation") // IndexSearcher.doc: storedFields() only exists from Lucene 9.5 on
    private static String hits(IndexSearcher searcher, Query query) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if (query != null) {
            for (ScoreDoc hit : searcher.search(query, 1000).scoreDocs) {
                names.add(searcher.doc(hit.doc).get("name"));
            }
        }
        return String.join(",", names);
    }

    // rulesByField: the rules are analysed by the field's own chain, as Elasticsearch and OpenSearch
    // do; otherwise by Solr's whitespace tokenizer and lower case
    private static void search(String synonymsPath, String documentsPath, String queriesPath, boolean rulesByField)
            throws Exception {
        SolrSynonymParser parser = new SolrSynonymParser(true, true, rulesByField ? fieldChain(null) : solrRuleChain());
        try (Reader rules = Files.newBufferedReader(Path.of(synonymsPath), StandardCharsets.UTF_8)) {
            parser.parse(rules);
        }
        SynonymMap synonyms = parser.build();

        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(fieldChain(null)))) {
            for (String line : lines(documentsPath)) {
                String[] nameAndText = line.split("\t", 2);
                Document document = new Document();
                document.add(new StringField("name", nameAndText[0], Field.Store.YES));
                document.add(new TextField(FIELD, nameAndText[1], Field.Store.NO));
                writer.addDocument(document);
            }
        }
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            QueryBuilder builder = new QueryBuilder(fieldChain(synonyms));
            StringBuilder out = new StringBuilder();
            for (String query : lines(queriesPath)) {
                out.append(query)
                   .append('\t').append(hits(searcher, builder.createPhraseQuery(FIELD, query)))
                   .append('\t').append(hits(searcher, builder.createBooleanQuery(FIELD, query, BooleanClause.Occur.MUST)))
                   .append('\t').append(hits(searcher, builder.createBooleanQuery(FIELD, query, BooleanClause.Occur.SHOULD)))
                   .append('\n');
            }
            System.out.print(out);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("analyse")) {
            analyse(args[1]);
        } else if (args.length == 4 && args[0].equals("search")) {
            search(args[1], args[2], args[3], false);
        } else if (args.length == 4 && args[0].equals("search-rules-by-field")) {
            search(args[1], args[2], args[3], true);
        } else {
            System.err.println("usage: SolrSynonymsCheck analyse TERMS | search[-rules-by-field] SYNONYMS DOCS QUERIES");
            System.exit(2);
        }
    }
}
