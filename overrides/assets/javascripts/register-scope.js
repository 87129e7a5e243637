/* Material for MkDocs 9.8.2's inline head script (partials/javascripts/base.html) as a file, so that
   the site's Content-Security-Policy can refuse every inline script. Unchanged but for where the
   scope comes from: the data-scope attribute of its script tag, written by the same template
   expression that Material writes into its inline script. */
__md_scope=new URL(document.currentScript.dataset.scope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
