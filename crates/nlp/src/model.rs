//! The model file: a small container of named binary sections.
//!
//! Layout: the magic `TIDINGS-MODEL\0`, a format version (`u32` LE), a
//! section count, then for each section its name and payload, both
//! length-prefixed (`u32` LE). Components (tagger, parser) encode their own
//! sections; this module only frames them.

/// Magic bytes at the start of every model file.
pub const MAGIC: &[u8] = b"TIDINGS-MODEL\0";
/// Current container version.
pub const VERSION: u32 = 1;

/// A model file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a tidings model file (bad magic bytes)")]
    BadMagic,
    #[error("unsupported model format version {0} (this build reads version {VERSION})")]
    Version(u32),
    #[error("model file is truncated or corrupt: {0}")]
    Corrupt(String),
    #[error("model file has no section {0:?}")]
    Missing(String),
}

/// Named sections, in order.
#[derive(Debug, Default, Clone)]
pub struct Sections {
    pub sections: Vec<(String, Vec<u8>)>,
}

impl Sections {
    /// Adds a section.
    pub fn push(&mut self, name: &str, payload: Vec<u8>) {
        self.sections.push((name.to_string(), payload));
    }

    /// The payload of section `name`.
    pub fn get(&self, name: &str) -> Result<&[u8], ModelError> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.as_slice())
            .ok_or_else(|| ModelError::Missing(name.to_string()))
    }

    /// Encodes the container.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.sections.len() as u32).to_le_bytes());
        for (name, payload) in &self.sections {
            out.extend_from_slice(&(name.len() as u32).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
            out.extend_from_slice(payload);
        }
        out
    }

    /// Decodes a container.
    pub fn decode(bytes: &[u8]) -> Result<Sections, ModelError> {
        let sections = Sections::borrow(bytes)?
            .into_iter()
            .map(|(n, p)| (n, p.to_vec()))
            .collect();
        Ok(Sections { sections })
    }

    /// The payload of section `name` of a container, borrowed from `bytes`
    /// (loading a model copies nothing but the tables it builds).
    pub fn section<'a>(bytes: &'a [u8], name: &str) -> Result<&'a [u8], ModelError> {
        Sections::borrow(bytes)?
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p)
            .ok_or_else(|| ModelError::Missing(name.to_string()))
    }

    /// The sections of a container, borrowed from `bytes`.
    fn borrow(bytes: &[u8]) -> Result<Vec<(String, &[u8])>, ModelError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(ModelError::BadMagic)?;
        let mut r = rest;
        let version = read_u32(&mut r)?;
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let count = read_u32(&mut r)?;
        let mut sections = Vec::new();
        for _ in 0..count {
            let name = read_chunk(&mut r)?;
            let name = String::from_utf8(name.to_vec())
                .map_err(|_| ModelError::Corrupt("section name".into()))?;
            let payload = read_chunk(&mut r)?;
            sections.push((name, payload));
        }
        Ok(sections)
    }
}

fn read_u32(r: &mut &[u8]) -> Result<u32, ModelError> {
    if r.len() < 4 {
        return Err(ModelError::Corrupt("truncated header".into()));
    }
    let (h, rest) = r.split_at(4);
    *r = rest;
    Ok(u32::from_le_bytes([h[0], h[1], h[2], h[3]]))
}

fn read_chunk<'a>(r: &mut &'a [u8]) -> Result<&'a [u8], ModelError> {
    let n = read_u32(r)? as usize;
    if r.len() < n {
        return Err(ModelError::Corrupt("truncated section".into()));
    }
    let (h, rest) = r.split_at(n);
    *r = rest;
    Ok(h)
}

/// Writes a list of strings (length-prefixed) — label and tag inventories.
pub fn encode_strings(out: &mut Vec<u8>, items: &[String]) {
    out.extend_from_slice(&(items.len() as u32).to_le_bytes());
    for s in items {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    }
}

/// Reads what [`encode_strings`] wrote, advancing `r`.
pub fn decode_strings(r: &mut &[u8]) -> Result<Vec<String>, ModelError> {
    let n = read_u32(r)? as usize;
    let mut out = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let chunk = read_chunk(r)?;
        out.push(
            String::from_utf8(chunk.to_vec()).map_err(|_| ModelError::Corrupt("string".into()))?,
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let mut s = Sections::default();
        s.push("tagger", vec![1, 2, 3]);
        let mut labels = Vec::new();
        encode_strings(&mut labels, &["nsubj".to_string(), "obj".to_string()]);
        s.push("labels", labels);
        let bytes = s.encode();
        let back = Sections::decode(&bytes).unwrap();
        assert_eq!(back.get("tagger").unwrap(), &[1, 2, 3]);
        let mut l = back.get("labels").unwrap();
        assert_eq!(decode_strings(&mut l).unwrap(), vec!["nsubj", "obj"]);
        assert!(matches!(back.get("parser"), Err(ModelError::Missing(_))));
        assert!(matches!(
            Sections::decode(b"hello"),
            Err(ModelError::BadMagic)
        ));
        assert!(Sections::decode(&bytes[..bytes.len() - 1]).is_err());
    }
}
