// Lucene 8's MoreLikeThis with its default settings, for bench/similar_quality.py.
//   java MltBench index CORPUS_DIR INDEX_DIR
//   java MltBench like INDEX_DIR FIELDS OUT < paths   (FIELDS: title,body or body)
// Each file's first line is its title, the rest its body, as bahth reads them;
// analysis is ArabicAnalyzer, similarity BM25 (Lucene's default). For each path
// read, OUT gets the path and the 5 best other documents, tab-separated.
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

public class MltBench {
  public static void main(String[] args) throws Exception {
    Analyzer analyzer = new ArabicAnalyzer();
    if (args[0].equals("index")) {
      Path corpus = Paths.get(args[1]);
      List<Path> files;
      try (Stream<Path> walk = Files.walk(corpus)) {
        files = walk.filter(p -> p.toString().endsWith(".txt")).sorted().collect(Collectors.toList());
      }
      IndexWriterConfig config = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256);
      try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(args[2])), config)) {
        for (Path p : files) {
          String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
          int nl = text.indexOf('\n');
          Document doc = new Document();
          doc.add(new StringField("path", corpus.relativize(p).toString(), Field.Store.YES));
          doc.add(new TextField("title", nl < 0 ? text : text.substring(0, nl), Field.Store.YES));
          doc.add(new TextField("body", nl < 0 ? "" : text.substring(nl + 1), Field.Store.YES));
          writer.addDocument(doc);
        }
      }
      return;
    }
    IndexReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(args[1])));
    IndexSearcher searcher = new IndexSearcher(reader);
    MoreLikeThis mlt = new MoreLikeThis(reader);  // every other setting its default
    mlt.setAnalyzer(analyzer);
    mlt.setFieldNames(args[2].split(","));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (PrintStream out = new PrintStream(new FileOutputStream(args[3]), true, "UTF-8")) {
      String path;
      while ((path = in.readLine()) != null) {
        int doc = searcher.search(new TermQuery(new Term("path", path)), 1).scoreDocs[0].doc;
        TopDocs top = searcher.search(mlt.like(doc), 6);
        StringBuilder line = new StringBuilder(path);
        int kept = 0;
        for (ScoreDoc hit : top.scoreDocs) {
          if (hit.doc == doc || kept == 5) continue;
          kept++;
          line.append('\t').append(searcher.doc(hit.doc).get("path"));
        }
        out.println(line);
      }
    }
  }
}
